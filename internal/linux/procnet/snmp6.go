package procnet

import (
	"io"
	"strings"

	"github.com/gonetstat/netstat/internal/counters"
)

// ParseSNMP6 reads /proc/net/snmp6, one "Key value" line per counter, and
// groups the counters into sections the way net-tools 2.10 does:
//
//   - each line is read as by fgets(buf, 1024): a longer line comes in
//     pieces, each taken as a line;
//   - each piece is read like sscanf(piece, "%s %llu", key, &value): the key
//     is its first word, and a piece with no word, or no number after the
//     word, keeps the previous key or value (so a blank line repeats the
//     previous counter); before the first line both are empty/zero;
//   - a section is named by its first key up to and including the first '6'
//     (the whole key if it has none) and lasts while that name occurs
//     anywhere in the keys.
//
// A read error is returned as is, with the sections read before it.
func ParseSNMP6(r io.Reader) ([]counters.Section, error) {
	in := newFgetsBuffer(r, statsFgetsSize)
	var (
		secs []counters.Section
		key  string
		val  uint64
	)
	for {
		n, err := in.next()
		if err != nil {
			return secs, ignoreEOF(err)
		}
		key, val = scanKeyValue(cString(in.buf[:n]), key, val)
		if len(secs) == 0 || !strings.Contains(key, secs[len(secs)-1].Name) {
			secs = append(secs, counters.Section{Name: sectionOf6(key)})
		}
		last := &secs[len(secs)-1]
		last.Counters = append(last.Counters, counters.Counter{Name: key, Value: val})
	}
}

// scanKeyValue does sscanf(line, "%s %llu", &key, &val): it returns the new
// key and value, keeping the old ones where the conversion fails.
func scanKeyValue(line []byte, key string, val uint64) (string, uint64) {
	i := 0
	for i < len(line) && isCSpace(line[i]) {
		i++
	}
	if i == len(line) {
		return key, val
	}
	j := i
	for j < len(line) && !isCSpace(line[j]) {
		j++
	}
	if v, _, ok := cStrtoul(line[j:], 10); ok {
		val = v
	}
	return string(line[i:j]), val
}

// sectionOf6 is netstat's section name for an snmp6 key: the key up to and
// including its first '6', or all of it.
func sectionOf6(key string) string {
	if i := strings.IndexByte(key, '6'); i >= 0 {
		return key[:i+1]
	}
	return key
}
