// Package supervise runs the program again as its own child and turns a
// crash of that child — a Go panic or a fatal signal in any goroutine,
// Badger's background goroutines included, which no recover() can catch —
// into one line for the person and exit status 1, instead of a stack trace.
package supervise
