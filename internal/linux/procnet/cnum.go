package procnet

import "math"

// isCSpace reports whether c is white space for the C locale's isspace.
func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// digitVal returns the value of c as a digit, or 99 if it is none.
func digitVal(c byte) uint64 {
	switch {
	case '0' <= c && c <= '9':
		return uint64(c - '0')
	case 'a' <= c && c <= 'z':
		return uint64(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		return uint64(c-'A') + 10
	}
	return 99
}

// cStrtoul parses b like C strtoul(b, &end, base) for base 0, 10 or 16:
// leading white space, an optional sign, the 0x prefix for bases 0 and 16, a
// leading 0 meaning octal for base 0. It returns the value (ULONG_MAX on
// overflow, negated modulo 2^64 after a '-'), the number of bytes used and
// whether any digit was found (when none is, strtoul's end is b itself and
// used is 0).
func cStrtoul(b []byte, base int) (v uint64, used int, ok bool) {
	mag, neg, over, used, ok := cParseMagnitude(b, base)
	if !ok {
		return 0, 0, false
	}
	if over {
		return math.MaxUint64, used, true
	}
	if neg {
		mag = -mag
	}
	return mag, used, true
}

// cStrtol parses b like C strtol(b, &end, base) on a 64-bit system: as
// cStrtoul, but saturating at LONG_MIN and LONG_MAX.
func cStrtol(b []byte, base int) (v int64, used int, ok bool) {
	mag, neg, over, used, ok := cParseMagnitude(b, base)
	if !ok {
		return 0, 0, false
	}
	switch {
	case neg && (over || mag > 1<<63):
		return math.MinInt64, used, true
	case neg:
		return int64(-mag), used, true
	case over || mag > math.MaxInt64:
		return math.MaxInt64, used, true
	}
	return int64(mag), used, true
}

// cParseMagnitude does the scanning shared by cStrtoul and cStrtol.
func cParseMagnitude(b []byte, base int) (mag uint64, neg, over bool, used int, ok bool) {
	i := 0
	for i < len(b) && isCSpace(b[i]) {
		i++
	}
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	if (base == 0 || base == 16) && i+1 < len(b) && b[i] == '0' && (b[i+1] == 'x' || b[i+1] == 'X') &&
		i+2 < len(b) && digitVal(b[i+2]) < 16 {
		i += 2
		base = 16
	} else if base == 0 {
		base = 10
		if i < len(b) && b[i] == '0' {
			base = 8
		}
	}
	start := i
	ubase := uint64(base)
	for ; i < len(b); i++ {
		d := digitVal(b[i])
		if d >= ubase {
			break
		}
		if mag > (math.MaxUint64-d)/ubase {
			over = true
		}
		mag = mag*ubase + d
	}
	if i == start {
		return 0, false, false, 0, false
	}
	return mag, neg, over, i, true
}

// cAtoi is C atoi: strtol in base 10 cut to a 32-bit int, 0 when there is no
// number.
func cAtoi(b []byte) int32 {
	v, _, _ := cStrtol(b, 10)
	return int32(v)
}
