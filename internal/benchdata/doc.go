// Package benchdata builds the stores of many bookings that benchmarks measure against, and keeps the large ones cached under os.TempDir() between runs.
package benchdata
