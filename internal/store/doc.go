// Package store is the kiosk's embedded Badger database: small-footprint
// options, one audited write path, and fixed-width keys that sort in time order.
package store
