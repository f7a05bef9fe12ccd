//go:build !unix

package ui

import "time"

// cpuTime is unknown here: BenchmarkScreens reports no cpu-ns/op.
func cpuTime() time.Duration { return 0 }
