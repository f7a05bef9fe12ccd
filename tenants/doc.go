// Package tenants holds the 4th-floor units (24 incubator offices, 10 youth
// desks, the support agencies' rooms) and the leases of the companies in them.
package tenants
