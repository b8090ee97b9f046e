package procnet

import (
	"io"

	"github.com/gonetstat/netstat/internal/counters"
)

// ParseSCTPSNMP reads /proc/net/sctp/snmp, one "Key<blanks>value" line per
// counter, with the rules of net-tools 2.10:
//
//   - lines are read as by fgets(buf, 1024) into one reused buffer, so a
//     longer line comes in pieces, each taken as a line;
//   - the key runs to the first blank, tab, newline or NUL; the value is
//     looked for just past that byte, after blanks, and read as strtoull
//     does (0 if it is no number); a line with no value is skipped;
//   - when a piece has no separator (a last line without newline, or the
//     first piece of a long line), the value is looked for beyond the
//     piece's end, in what earlier lines left in the buffer, as the C
//     program does.
//
// A read error is returned as is, with the counters read before it.
func ParseSCTPSNMP(r io.Reader) ([]counters.Counter, error) {
	in := newFgetsBuffer(r, statsFgetsSize)
	buf := in.buf
	var ctrs []counters.Counter
	for {
		if _, err := in.next(); err != nil {
			return ctrs, ignoreEOF(err)
		}
		k := 0
		for buf[k] != 0 && !isStatsBlank(buf[k]) {
			k++
		}
		key := string(buf[:k])
		buf[k] = 0
		sp := k + 1
		for sp < len(buf) && isStatsBlank(buf[sp]) {
			sp++
		}
		if sp >= len(buf) || buf[sp] == 0 {
			continue
		}
		v, _, _ := cStrtoul(cString(buf[sp:]), 10)
		ctrs = append(ctrs, counters.Counter{Name: key, Value: v})
	}
}
