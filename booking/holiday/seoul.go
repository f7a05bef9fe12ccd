package holiday

import (
	"time"
	_ "time/tzdata" // embed the zone database so Asia/Seoul loads on any host
)

// Seoul is the Asia/Seoul location; all holiday dates are midnight in it.
var Seoul = loadSeoul()

func loadSeoul() *time.Location {
	loc, err := time.LoadLocation("Asia/Seoul")
	if err != nil { // cannot happen with time/tzdata embedded
		return time.FixedZone("KST", 9*60*60)
	}
	return loc
}
