// Package staff is the kiosk's staff access layer: PIN-only staff login with a persisted lockout, argon2id-hashed PINs, and a one-time setup code (written to a private file) for claiming the first manager PIN.
package staff
