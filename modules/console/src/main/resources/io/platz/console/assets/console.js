// The console's only script, a same-origin module: the Content-Security-Policy allows no inline code. It opens and
// closes dialogs (giving focus back to what opened them), copies a new token, hands the session's CSRF token to
// htmx, adds the History rows the server pushes and shows times in the reader's time zone. It keeps nothing in the
// browser's storage; htmx notes the page's path (never a token) in sessionStorage, with its history cache turned off
// (historyCacheSize 0), and a dialog that showed a token leaves the page when it closes or when the page is left.

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content;
let lastOpener = null;

document.addEventListener('htmx:configRequest', (event) => {
  const token = csrf();
  if (token) event.detail.headers['X-CSRF-Token'] = token;
});

// A menu item that sent a request closes its menu; focus goes back to the menu's button afterwards.
document.addEventListener('htmx:beforeRequest', (event) => {
  const menu = event.detail.elt.closest('details.dropdown');
  menu?.removeAttribute('open');
  lastOpener = menu?.querySelector('summary') ?? event.detail.elt.querySelector('button') ?? event.detail.elt;
});

function openDialog(dialog, opener) {
  if (!dialog || dialog.open) return;
  dialog.returnTo = opener ?? document.activeElement;
  dialog.showModal();
  const first = dialog.querySelector('[autofocus]')
    ?? dialog.querySelector('input:not([type=hidden]), select, textarea, button');
  first?.focus();
}

function showNewDialogs(root) {
  if (root instanceof HTMLDialogElement && root.hasAttribute('data-show-modal')) openDialog(root, lastOpener);
  root.querySelectorAll?.('dialog[data-show-modal]').forEach((dialog) => openDialog(dialog, lastOpener));
}

// Times: the server writes UTC to the second ("2026-12-06 13:04:38 UTC"); the reader sees their own time zone, and
// the UTC time on hover.
const UTC_SHOWN = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) UTC$/;
const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long' });

function showLocalTimes(root) {
  root.querySelectorAll?.('time').forEach((time) => {
    const utc = time.textContent.trim().match(UTC_SHOWN);
    if (!utc) return;
    time.dateTime = `${utc[1]}T${utc[2]}Z`;
    time.title = utc[0];
    time.textContent = localTime.format(new Date(time.dateTime));
  });
}

document.addEventListener('htmx:load', (event) => {
  showNewDialogs(event.detail.elt);
  showLocalTimes(event.detail.elt);
});

document.addEventListener('click', (event) => {
  const opener = event.target.closest('[data-open-dialog]');
  if (opener) {
    event.preventDefault();
    const menu = opener.closest('details.dropdown');
    menu?.removeAttribute('open');
    openDialog(document.getElementById(opener.dataset.openDialog), menu?.querySelector('summary') ?? opener);
    return;
  }
  const closer = event.target.closest('[data-close-dialog]');
  if (closer) {
    event.preventDefault();
    closer.closest('dialog')?.close();
    return;
  }
  const copy = event.target.closest('[data-copy]');
  if (copy) copyFrom(document.getElementById(copy.dataset.copy), copy);
});

// 'close' does not bubble: listen while it goes down.
document.addEventListener('close', (event) => {
  const dialog = event.target;
  if (!(dialog instanceof HTMLDialogElement)) return;
  const returnTo = dialog.returnTo;
  if (dialog.hasAttribute('data-once')) dialog.remove();
  if (returnTo?.isConnected) returnTo.focus();
}, true);

async function copyFrom(input, button) {
  if (!input) return;
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    }
  } catch (e) {
    copied = false;
  }
  if (!copied) {
    input.select();
    copied = document.execCommand('copy');
  }
  button.textContent = copied ? 'Copied' : 'Press Ctrl+C to copy';
}

// Never let a shown token survive the page: not in the back-forward cache, not after leaving.
const forgetSecrets = () => document.querySelectorAll('[data-once]').forEach((element) => element.remove());
window.addEventListener('pagehide', forgetSecrets);
window.addEventListener('pageshow', (event) => { if (event.persisted) forgetSecrets(); });

// History: rows pushed by the server as tasks happen. A task already shown is replaced (its status moved on).
function live(table) {
  const source = new EventSource(table.dataset.live);
  const body = table.tBodies[0];
  // says whether rows are arriving: 'open' once the server holds the stream, 'reconnecting' while it is away
  source.addEventListener('open', () => { table.dataset.liveStatus = 'open'; });
  source.addEventListener('error', () => { table.dataset.liveStatus = 'reconnecting'; });
  source.addEventListener('task', (event) => {
    const template = document.createElement('template');
    template.innerHTML = event.data;
    const row = template.content.querySelector('tr');
    if (!row) return;
    row.classList.add('fresh');
    showLocalTimes(row);
    const shown = document.getElementById(row.id);
    if (shown) {
      shown.replaceWith(row);
    } else {
      body.querySelector('tr.empty')?.remove();
      body.prepend(row);
    }
  });
  source.addEventListener('gone', (event) => document.getElementById(event.data)?.remove());
  source.addEventListener('end', () => source.close());
  window.addEventListener('pagehide', () => source.close());
}

document.querySelectorAll('table[data-live]').forEach(live);
showNewDialogs(document);
showLocalTimes(document);
