package nat

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// textRows checks the title and header of a --nat table and returns its
// rows split into fields, sorted as netstat printed them.
func textRows(t *testing.T, out string) [][]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 2 || lines[0] != "Tracked connections (conntrack)" || !strings.HasPrefix(lines[1], "Proto Original source") {
		t.Fatalf("no title and header:\n%s", out)
	}
	var rows [][]string
	for _, l := range lines[2:] {
		rows = append(rows, strings.Fields(l))
	}
	return rows
}

// compareRows checks rows against want, field by field, pairing each
// wanted row with the row of the same protocol and original destination
// (the table's order depends on the client's random ports). A wanted
// field may list alternatives separated by '|'; fields past the end of a
// wanted row are not checked.
func compareRows(t *testing.T, rows, want [][]string) {
	t.Helper()
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(rows), len(want), rows)
	}
	for _, w := range want {
		var row []string
		for _, r := range rows {
			if len(r) > 2 && r[0] == w[0] && r[2] == w[2] {
				row = r
			}
		}
		if row == nil {
			t.Errorf("no %s row to %s in %q", w[0], w[2], rows)
			continue
		}
		for j, field := range w {
			if !contains(strings.Split(field, "|"), at(row, j)) {
				t.Errorf("field %d: %q, want %q (row %q)", j, at(row, j), field, row)
			}
		}
	}
}

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// serviceNames reads the TCP port names of /etc/services (first name
// wins), to know what netstat should print instead of a port number.
func serviceNames(t *testing.T) map[int]string {
	t.Helper()
	names := map[int]string{}
	f, err := os.Open("/etc/services")
	if err != nil {
		return names
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(strings.SplitN(s.Text(), "#", 2)[0])
		if len(fields) < 2 || !strings.HasSuffix(fields[1], "/tcp") {
			continue
		}
		port, err := strconv.Atoi(strings.TrimSuffix(fields[1], "/tcp"))
		if _, seen := names[port]; err == nil && !seen {
			names[port] = fields[0]
		}
	}
	return names
}
