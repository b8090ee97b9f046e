package links

import (
	"math"
	"strings"
)

// interfaceList is net-tools' sorted interface cache: names kept in nstrcmp
// order, each carrying its counters when /proc/net/dev named it.
type interfaceList struct {
	items []*Interface
}

// maxNameLen is IFNAMSIZ-1: net-tools copies at most that much of a name.
const maxNameLen = 15

// add inserts name as net-tools' if_cache_add does: walking from the tail,
// an equal element is reused; the new element goes after the first smaller
// one, or at the head. It returns the element.
func (l *interfaceList) add(name string) *Interface {
	i := len(l.items) - 1
	for ; i >= 0; i-- {
		n := nstrcmp(l.items[i].Name, name)
		if n == 0 {
			return l.items[i]
		}
		if n < 0 {
			break
		}
	}
	stored := name
	if len(stored) > maxNameLen {
		stored = stored[:maxNameLen]
	}
	ifc := &Interface{Name: stored, TxQueueLen: -1}
	l.items = append(l.items, nil)
	copy(l.items[i+2:], l.items[i+1:])
	l.items[i+1] = ifc
	return ifc
}

// nstrcmp is net-tools' "natural" name comparison: the non-numeric prefixes,
// then the trailing numbers, then the whole names, then the ":N" alias
// numbers. Only the sign of the result matters.
func nstrcmp(a, b string) int {
	a, aAlias, aHas := cutAlias(a)
	b, bAlias, bHas := cutAlias(b)
	ai, bi := digitSuffixStart(a), digitSuffixStart(b)
	n := min(ai, bi)
	if r := strings.Compare(a[:n], b[:n]); r != 0 {
		return r
	}
	switch {
	case ai > bi:
		return 1
	case ai < bi:
		return -1
	}
	if r := cmpInt(atoi(a[ai:]), atoi(b[bi:])); r != 0 {
		return r
	}
	if r := strings.Compare(a, b); r != 0 {
		return r
	}
	av, bv := int32(-1), int32(-1)
	if aHas {
		av = atoi(aAlias)
	}
	if bHas {
		bv = atoi(bAlias)
	}
	if r := cmpInt(av, bv); r != 0 {
		return r
	}
	if aHas && bHas {
		return strings.Compare(aAlias, bAlias)
	}
	return 0
}

func cmpInt(a, b int32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cutAlias splits a name that ends in ':' and at least one digit into the
// part before the colon and the digits.
func cutAlias(name string) (base, alias string, ok bool) {
	digit := false
	for pos := len(name); pos > 0; pos-- {
		c := name[pos-1]
		if c == ':' && digit {
			return name[:pos-1], name[pos:], true
		}
		if !isDigit(c) {
			break
		}
		digit = true
	}
	return name, "", false
}

// digitSuffixStart returns the index just after the last non-digit byte of
// name, or 0 if name is all digits.
func digitSuffixStart(name string) int {
	for pos := len(name); pos > 0; pos-- {
		if !isDigit(name[pos-1]) {
			return pos
		}
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// atoi is C atoi on a 64-bit system: strtol (saturating) cut to an int.
func atoi(s string) int32 {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var mag uint64
	over := false
	for ; i < len(s) && isDigit(s[i]); i++ {
		d := uint64(s[i] - '0')
		if mag > (math.MaxUint64-d)/10 {
			over = true
		}
		mag = mag*10 + d
	}
	var v int64
	switch {
	case neg && (over || mag > 1<<63):
		v = math.MinInt64
	case neg:
		v = int64(-mag)
	case over || mag > math.MaxInt64:
		v = math.MaxInt64
	default:
		v = int64(mag)
	}
	return int32(v)
}
