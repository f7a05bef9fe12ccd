package holiday

import (
	"math"
	"time"

	"github.com/6tail/lunar-go/ShouXingUtil"
)

// The Korean lunisolar calendar (as published by KASI) follows the same rules
// as the Chinese calendar, but reckons days in UTC+9 instead of UTC+8. A lunar
// month starts on the civil day containing the new moon, so whenever a new
// moon or a principal solar term (중기) falls between 15:00 and 16:00 UTC the
// two calendars can differ: e.g. 설날 2027 is 7 February while Chinese New Year is
// 6 February, and in 2012 Korea had a leap 3rd month where China had a leap
// 4th, so 부처님오신날 was 28 May rather than 28 April. calendar.NewLunarFromYmd
// only knows China time, so the months needed here are computed in UTC+9 from
// lunar-go's solar-term model and a new-moon series; the tests check that the
// same code run at UTC+8 reproduces lunar-go's calendar.

const (
	j2000        = 2451545.0 // Julian day of 2000-01-01 12:00 TT
	synodicMonth = 29.530588861
	unixEpochJD  = 2440587.5 // Julian day of 1970-01-01 00:00 UTC
	koreaOffset  = 9.0 / 24  // UTC+9, in days
)

// lunarMonthStart returns the civil date, in the zone offset days east of UTC,
// of the first day of the ordinary (non-leap) lunar month `month` of the lunar
// year that begins in Gregorian year year. It applies the modern rules
// (GB/T 33661, and KASI's equivalent) that lunar-go also implements: the month
// containing the winter solstice is the 11th; a 세(歲) from one such month to
// the next with 13 months gets a leap month, the first one that contains no
// principal solar term (중기); months are then numbered in sequence. Only
// months 1..10 are supported (they all lie in a single 세).
func lunarMonthStart(year, month int, offset float64) civil {
	// Principal terms z[0..12]: the winter solstice of year-1 (sun at 270°),
	// then every 30° up to the winter solstice of year. lunar-go measures the
	// sun's longitude w from the March equinox of 1999, so the December 1999
	// solstice is w = 1.5π; QiAccurate returns days from J2000 in UTC+8.
	var z [13]int
	w0 := float64(year-2000)*2*math.Pi + 1.5*math.Pi
	for i := range z {
		ut := ShouXingUtil.QiAccurate(w0+float64(i)*math.Pi/6) + j2000 - 8.0/24
		z[i] = dayNumber(ut, offset)
	}
	// New moons nm[0..14]: nm[0] starts the month containing z[0].
	k := math.Floor((float64(z[0]) - 2451550.09766) / synodicMonth)
	for dayNumber(newMoonUT(k), offset) > z[0] {
		k--
	}
	for dayNumber(newMoonUT(k+1), offset) <= z[0] {
		k++
	}
	var nm [15]int
	for i := range nm {
		nm[i] = dayNumber(newMoonUT(k+float64(i)), offset)
	}
	leap := -1
	if nm[13] <= z[12] { // 13 months before the next solstice month
		for i := 1; i <= 12; i++ {
			if nm[i+1] <= z[i] { // month i ends before its principal term
				leap = i
				break
			}
		}
	}
	n := 11
	for i := 1; i <= 12; i++ {
		if i == leap {
			continue
		}
		n = n%12 + 1
		if n == month {
			return civilFromDayNumber(nm[i])
		}
	}
	panic("holiday: lunar month out of range") // unreachable for month 1..10
}

// dayNumber returns the Julian day number of the civil date, in the zone
// offset days east of UTC, that contains the instant jdUT.
func dayNumber(jdUT, offset float64) int {
	return int(math.Floor(jdUT + offset + 0.5))
}

func civilFromDayNumber(jdn int) civil {
	sec := (float64(jdn) - 0.5 - unixEpochJD) * 86400
	return civilOf(time.Unix(int64(math.Round(sec)), 0).UTC())
}

// newMoonUT returns the Julian day (UT) of the new moon with lunation number k,
// converting with lunar-go's ΔT model.
func newMoonUT(k float64) float64 {
	jde := newMoonJDE(k)
	return jde - ShouXingUtil.DtT(jde-j2000)
}

// newMoonJDE returns the instant (Julian Ephemeris Day, TT) of the true new
// moon with lunation number k (k = 0 is the new moon of 2000-01-06).
func newMoonJDE(k float64) float64 {
	t := k / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + synodicMonth*k + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	rad := math.Pi / 180
	m := (2.5534 + 29.10535670*k - 0.0000014*t2 - 0.00000011*t3) * rad
	mp := (201.5643 + 385.81693528*k + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4) * rad
	f := (160.7108 + 390.67050284*k - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4) * rad
	om := (124.7746 - 1.56375588*k + 0.0020672*t2 + 0.00000215*t3) * rad
	sin := math.Sin
	jde += -0.40720*sin(mp) +
		0.17241*e*sin(m) +
		0.01608*sin(2*mp) +
		0.01039*sin(2*f) +
		0.00739*e*sin(mp-m) -
		0.00514*e*sin(mp+m) +
		0.00208*e*e*sin(2*m) -
		0.00111*sin(mp-2*f) -
		0.00057*sin(mp+2*f) +
		0.00056*e*sin(2*mp+m) -
		0.00042*sin(3*mp) +
		0.00042*e*sin(m+2*f) +
		0.00038*e*sin(m-2*f) -
		0.00024*e*sin(2*mp-m) -
		0.00017*sin(om) -
		0.00007*sin(mp+2*m) +
		0.00004*sin(2*mp-2*f) +
		0.00004*sin(3*m) +
		0.00003*sin(mp+m-2*f) +
		0.00003*sin(2*mp+2*f) -
		0.00003*sin(mp+m+2*f) +
		0.00003*sin(mp-m+2*f) -
		0.00002*sin(mp-m-2*f) -
		0.00002*sin(3*mp+m) +
		0.00002*sin(4*mp)
	// Planetary arguments.
	a := [...]struct{ c, a0, a1 float64 }{
		{0.000325, 299.77, 0.107408},
		{0.000165, 251.88, 0.016321},
		{0.000164, 251.83, 26.651886},
		{0.000126, 349.42, 36.412478},
		{0.000110, 84.66, 18.206239},
		{0.000062, 141.74, 53.303771},
		{0.000060, 207.14, 2.453732},
		{0.000056, 154.84, 7.306860},
		{0.000047, 34.52, 27.261239},
		{0.000042, 207.19, 0.121824},
		{0.000040, 291.34, 1.844379},
		{0.000037, 161.72, 24.198154},
		{0.000035, 239.56, 25.513099},
		{0.000023, 331.55, 3.592518},
	}
	for i, p := range a {
		arg := p.a0 + p.a1*k
		if i == 0 {
			arg -= 0.009173 * t2
		}
		jde += p.c * sin(arg*rad)
	}
	return jde
}
