package tcpinfo

import (
	"strconv"
	"strings"
	"testing"
)

// row is one line of a netstat -tn listing, split at the end of the
// net-tools columns.
type row struct {
	line    string
	local   string
	remote  string
	state   string
	netTool string            // the net-tools columns, as -tan prints them
	info    map[string]string // the tcp-info columns, key=value
}

// netToolsWidth is the width of a -tan row: Proto to State (padded to 11).
const netToolsWidth = 5 + 1 + 6 + 1 + 6 + 1 + 23 + 1 + 23 + 1 + 11

// parseRows returns the tcp and tcp6 rows of a -tn listing.
func parseRows(t *testing.T, out string) []row {
	t.Helper()
	var rows []row
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		if !strings.HasPrefix(line, "tcp") {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 6 || len(line) < netToolsWidth {
			t.Fatalf("short row %q", line)
		}
		r := row{line: line, local: f[3], remote: f[4], state: f[5], netTool: line[:netToolsWidth]}
		if rest := line[netToolsWidth:]; rest != "" {
			r.info = map[string]string{}
			for _, w := range strings.Fields(rest) {
				k, v, ok := strings.Cut(w, "=")
				if !ok {
					t.Fatalf("tcp-info word %q without '=' in %q", w, line)
				}
				r.info[k] = v
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// find returns the row from local to remote.
func find(t *testing.T, rows []row, local, remote string) row {
	t.Helper()
	for _, r := range rows {
		if r.local == local && r.remote == remote {
			return r
		}
	}
	t.Fatalf("no row %s -> %s", local, remote)
	return row{}
}

// number reads the integer value of key, without its unit suffix.
func (r row) number(t *testing.T, key, unit string) uint64 {
	t.Helper()
	v, ok := r.info[key]
	if !ok {
		t.Fatalf("no %s= in %q", key, r.line)
	}
	n, err := strconv.ParseUint(strings.TrimSuffix(v, unit), 10, 64)
	if err != nil {
		t.Fatalf("%s=%s in %q: %v", key, v, r.line, err)
	}
	return n
}

// rttMillis reads rtt=SRTT/RTTVARms and returns SRTT in milliseconds.
func (r row) rttMillis(t *testing.T) float64 {
	t.Helper()
	v, ok := r.info["rtt"]
	if !ok {
		t.Fatalf("no rtt= in %q", r.line)
	}
	srtt, _, ok := strings.Cut(strings.TrimSuffix(v, "ms"), "/")
	ms, err := strconv.ParseFloat(srtt, 64)
	if !ok || err != nil {
		t.Fatalf("rtt=%s in %q", v, r.line)
	}
	return ms
}
