-- Who a person is at the organisation's OpenID Connect provider: the provider's subject, under its issuer, names
-- one user for good (an email may change at the provider; the subject does not). Owned by the auth module.
-- One identity per person and issuer: two accounts at one provider never share a Platz person.
CREATE TABLE user_oidc_identities (
    issuer     text        NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
    subject    text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id    uuid        NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject),
    UNIQUE (user_id, issuer)
);
