// Package staff is the kiosk's staff access layer: staff accounts with roles (reception, manager) checked by the domain on every action, PIN login per account with a persisted lockout per account, argon2id-hashed PINs, a one-time setup code (written to a private file) for claiming the first manager PIN, and the audit log as managers read it.
package staff
