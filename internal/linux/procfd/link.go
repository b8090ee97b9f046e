package procfd

import "math"

// socketInode returns the inode of a readlink target "socket:[N]" (at least
// 11 bytes long, as net-tools demands, so one-digit inodes are not taken)
// or of the old form "[0000]:N". N is read with strtoul base 0 (so "0x1f"
// and "017" count) and must use up the text and not be ULONG_MAX.
func socketInode(l []byte) (uint64, bool) {
	const pfx1, pfx2 = "socket:[", "[0000]:"
	var num []byte
	switch {
	case len(l) >= len(pfx1)+3 && string(l[:len(pfx1)]) == pfx1 && l[len(l)-1] == ']':
		num = l[len(pfx1) : len(l)-1]
	case len(l) >= len(pfx2)+1 && string(l[:len(pfx2)]) == pfx2:
		num = l[len(pfx2):]
	default:
		return 0, false
	}
	v, used, ok := strtoulBase0(num)
	if !ok || used != len(num) || v == math.MaxUint64 {
		return 0, false
	}
	return v, true
}

// strtoulBase0 is C strtoul(b, &end, 0): blanks, a sign, then hex after 0x,
// octal after 0, decimal otherwise; ULONG_MAX on overflow. used is how much
// of b it read (0 when there is no number).
func strtoulBase0(b []byte) (v uint64, used int, ok bool) {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] >= '\t' && b[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	base := uint64(10)
	switch {
	case i+2 < len(b) && b[i] == '0' && (b[i+1] == 'x' || b[i+1] == 'X') && hexDigit(b[i+2]) < 16:
		base, i = 16, i+2
	case i < len(b) && b[i] == '0':
		base = 8
	}
	start, over := i, false
	for ; i < len(b); i++ {
		d := hexDigit(b[i])
		if d >= base {
			break
		}
		if v > (math.MaxUint64-d)/base {
			over = true
		}
		v = v*base + d
	}
	switch {
	case i == start:
		return 0, 0, false
	case over:
		return math.MaxUint64, i, true
	case neg:
		v = -v
	}
	return v, i, true
}

// hexDigit returns the value of a hex digit, or 99.
func hexDigit(c byte) uint64 {
	switch {
	case '0' <= c && c <= '9':
		return uint64(c - '0')
	case 'a' <= c && c <= 'f':
		return uint64(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return uint64(c-'A') + 10
	}
	return 99
}
