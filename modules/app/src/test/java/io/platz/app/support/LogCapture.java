package io.platz.app.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Every log line of this JVM from now on, as text, with stack traces: to prove what never appears in them. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static LogCapture everything;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogCapture() {
  }

  public static LogCapture attach() {
    LogCapture capture = new LogCapture();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    capture.setContext(context);
    capture.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);
    return capture;
  }

  /** Every log line of the test run, into the {@link Evidence}; attached once, never detached. */
  public static synchronized void everything() {
    if (everything == null) {
      everything = attach();
      everything.feedsEvidence = true;
    }
  }

  private boolean feedsEvidence;

  @Override
  protected void append(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    String line = event.getFormattedMessage() + (thrown == null ? "" : "\n" + ThrowableProxyUtil.asString(thrown));
    if (feedsEvidence) {
      Evidence.text(line);
    } else {
      lines.add(line);
    }
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
    stop();
  }
}
