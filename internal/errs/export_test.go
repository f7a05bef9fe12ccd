package errs

import (
	"maps"
	"slices"
)

// CatalogueCodes lists the codes the catalogue words, sorted, for the
// external tests.
func CatalogueCodes() []Code { return slices.Sorted(maps.Keys(catalogue)) }
