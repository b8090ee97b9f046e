package names

// pton4 parses a dotted quad exactly as glibc's inet_pton(AF_INET) does:
// four decimal parts of at most 255, no leading zeros, nothing else.
func pton4(s []byte) (a [4]byte, ok bool) {
	octets, sawDigit, cur := 0, false, 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			if sawDigit && cur == 0 {
				return a, false
			}
			cur = cur*10 + int(c-'0')
			if cur > 255 {
				return a, false
			}
			if !sawDigit {
				octets++
				if octets > 4 {
					return a, false
				}
				sawDigit = true
			}
			a[octets-1] = byte(cur)
		case c == '.' && sawDigit:
			if octets == 4 {
				return a, false
			}
			sawDigit, cur = false, 0
		default:
			return a, false
		}
	}
	return a, octets == 4
}

// pton6 parses IPv6 text exactly as glibc's inet_pton(AF_INET6) does: at
// most four hex digits per group, one "::", an optional trailing dotted
// quad, no zone.
func pton6(s []byte) (a [16]byte, ok bool) {
	var tmp [16]byte
	tp, colonp := 0, -1
	if len(s) == 0 {
		return a, false
	}
	i := 0
	if s[0] == ':' {
		if len(s) < 2 || s[1] != ':' {
			return a, false
		}
		i = 1
	}
	curtok, seen, val := i, 0, 0
	for i < len(s) {
		c := s[i]
		i++
		if d := digitVal(c); d < 16 {
			if seen == 4 {
				return a, false
			}
			val = val<<4 | d
			seen++
			continue
		}
		if c == ':' {
			curtok = i
			if seen == 0 {
				if colonp >= 0 {
					return a, false
				}
				colonp = tp
				continue
			} else if i == len(s) {
				return a, false
			}
			if tp+2 > 16 {
				return a, false
			}
			tmp[tp], tmp[tp+1] = byte(val>>8), byte(val)
			tp += 2
			seen, val = 0, 0
			continue
		}
		if c == '.' && tp+4 <= 16 {
			if v4, ok4 := pton4(s[curtok:]); ok4 {
				copy(tmp[tp:], v4[:])
				tp += 4
				seen = 0
				break
			}
		}
		return a, false
	}
	if seen > 0 {
		if tp+2 > 16 {
			return a, false
		}
		tmp[tp], tmp[tp+1] = byte(val>>8), byte(val)
		tp += 2
	}
	if colonp >= 0 {
		if tp == 16 {
			return a, false
		}
		n := tp - colonp
		copy(tmp[16-n:], tmp[colonp:tp])
		for j := colonp; j < 16-n; j++ {
			tmp[j] = 0
		}
		tp = 16
	}
	if tp != 16 {
		return a, false
	}
	return tmp, true
}

// inetNetwork parses a network number as glibc's inet_network does: up to
// four parts separated by '.', each decimal, octal (leading 0) or hex
// (leading 0x, or just x), each at most 255, trailing blanks allowed. The
// parts are packed from the most significant byte down, so "1.2" is 0x0102.
// Invalid text gives INADDR_NONE (0xffffffff), which glibc stores as is.
// Arithmetic wraps at 32 bits as in C.
func inetNetwork(s []byte) uint32 {
	const none = 0xffffffff
	var parts []uint32
	i := 0
	for {
		var val uint32
		base, digit := uint32(10), false
		if i < len(s) && s[i] == '0' {
			base, digit = 8, true
			i++
		}
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			base, digit = 16, false
			i++
		}
		for i < len(s) {
			c := s[i]
			if c >= '0' && c <= '9' {
				if base == 8 && c >= '8' {
					return none
				}
				val = val*base + uint32(c-'0')
			} else if d := digitVal(c); base == 16 && d >= 10 && d < 16 {
				val = val<<4 + uint32(d)
			} else {
				break
			}
			i++
			digit = true
		}
		if !digit || len(parts) >= 4 || val > 0xff {
			return none
		}
		if i < len(s) && s[i] == '.' {
			parts = append(parts, val)
			i++
			continue
		}
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i < len(s) {
			return none
		}
		parts = append(parts, val)
		break
	}
	var v uint32
	for _, p := range parts {
		v = v<<8 | p&0xff
	}
	return v
}
