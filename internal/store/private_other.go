//go:build !unix

package store

func privateUmask() {}
