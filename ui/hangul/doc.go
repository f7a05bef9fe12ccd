// Package hangul is the 두벌식 (Korean 2-set) Hangul composition engine that turns on-screen keyboard key presses into text.
package hangul
