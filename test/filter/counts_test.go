package filter

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// family returns the family a Proto column stands for.
func family(proto string) string {
	switch {
	case proto == "unix":
		return "unix"
	case strings.HasSuffix(proto, "6"):
		return "inet6"
	}
	return "inet"
}

// protocol returns the protocol name of a Proto column.
func protocol(proto string) string {
	p := strings.TrimSuffix(proto, "6")
	if p == "udpl" {
		return "udplite"
	}
	return p
}

// TestSummaryAgrees checks --summary --json against counting net-tools'
// rows per protocol, family and state.
func TestSummaryAgrees(t *testing.T) {
	setUp(t)
	for _, args := range [][]string{{"-tuan"}, {"-an"}, {"-tuln"}, {"-tuan", "--addr=127.0.0.0/8"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			shown, rows := reference(t, args[0])
			keep := func(r row) bool { return true }
			if len(args) > 1 {
				keep = func(r row) bool {
					return r.proto != "unix" && (inPrefix("127.0.0.0/8", r.local.Addr()) || inPrefix("127.0.0.0/8", r.remote.Addr()))
				}
			}
			want := map[string]int{}
			total := 0
			i := 0
			for _, l := range shown {
				if !isRow(l) {
					continue
				}
				r := rows[i]
				i++
				if keep(r) {
					want[protocol(r.proto)+"/"+family(r.proto)+"/"+stateWord(r)]++
					total++
				}
			}
			var doc struct {
				Version   int
				Total     int
				Protocols []struct {
					Protocol, Family string
					Total            int
					States           map[string]int
				}
			}
			out := run(t, nstest.Ours(), append(args, "--summary", "--json")...)
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			schematest.Require(t, "../../docs/json.md", []byte(out), "summary_document")
			got := map[string]int{}
			for _, p := range doc.Protocols {
				sum := 0
				for st, n := range p.States {
					got[p.Protocol+"/"+p.Family+"/"+st] = n
					sum += n
				}
				if sum != p.Total {
					t.Errorf("%s/%s: states add up to %d, total says %d", p.Protocol, p.Family, sum, p.Total)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || doc.Total != total || doc.Version != 1 {
				t.Errorf("summary %v (total %d), net-tools' text gives %v (total %d)", got, doc.Total, want, total)
			}
			if total == 0 {
				t.Error("nothing counted: the test sees nothing")
			}
		})
	}
}

// TestCountAgrees checks --count=KEY --json (and the text's first lines)
// against counting net-tools' rows by the same key.
func TestCountAgrees(t *testing.T) {
	w := setUp(t)
	cases := []struct {
		display string
		extra   []string
		key     string
		of      func(r row) (string, bool)
	}{
		{"-tuan", nil, "state", func(r row) (string, bool) { return stateWord(r), true }},
		{"-an", nil, "state", func(r row) (string, bool) { return stateWord(r), true }},
		{"-tuan", nil, "lport", func(r row) (string, bool) {
			return fmt.Sprintf("%d/%s", r.local.Port(), protocol(r.proto)), true
		}},
		{"-tuan", nil, "raddr", func(r row) (string, bool) {
			a := r.remote.Addr().Unmap()
			if a.IsUnspecified() {
				return "*", true
			}
			return a.String(), true
		}},
		{"-tuanp", nil, "program", func(r row) (string, bool) {
			if r.pid == 0 {
				return "-", true
			}
			return r.program, true
		}},
		{"-tuan", nil, "user", func(r row) (string, bool) { return fmt.Sprint(r.uid), true }},
		{"-tuan", []string{"--state=LISTEN"}, "lport", func(r row) (string, bool) {
			return fmt.Sprintf("%d/%s", r.local.Port(), protocol(r.proto)), r.state == "LISTEN"
		}},
		{"-an", []string{fmt.Sprintf("--pid=%d", w.holderPID)}, "program", func(r row) (string, bool) {
			return r.program, r.pid == w.holderPID
		}},
	}
	for _, c := range cases {
		args := append(append([]string{c.display}, c.extra...), "--count="+c.key)
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			shown, rows := reference(t, c.display)
			want := map[string]int{}
			total, i := 0, 0
			for _, l := range shown {
				if !isRow(l) {
					continue
				}
				r := rows[i]
				i++
				if r.proto == "unix" && c.key != "state" && c.key != "program" {
					continue // no port, address or uid
				}
				if k, ok := c.of(r); ok {
					want[k]++
					total++
				}
			}
			var doc struct {
				Version, Total, Values int
				Counts                 []struct {
					Key   string
					Count int
				}
			}
			out := run(t, nstest.Ours(), append(args, "--json")...)
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			schematest.Require(t, "../../docs/json.md", []byte(out), "counts_document")
			got := map[string]int{}
			for j, e := range doc.Counts {
				got[e.Key] = e.Count
				if j > 0 {
					p := doc.Counts[j-1]
					if p.Count < e.Count || p.Count == e.Count && p.Key > e.Key {
						t.Errorf("counts out of order: %v before %v", p, e)
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || doc.Total != total || doc.Values != len(want) {
				t.Errorf("counts %v (total %d), net-tools' text gives %v (total %d)", got, doc.Total, want, total)
			}
			if total == 0 {
				t.Error("nothing counted: the test sees nothing")
			}
			// --top=1 prints the first line, the header and the largest.
			text := lines(run(t, nstest.Ours(), append(args, "--top=1")...))
			if len(text) != 3 || !strings.Contains(text[0], fmt.Sprintf("%d counted", total)) ||
				!strings.HasSuffix(text[2], doc.Counts[0].Key) {
				t.Errorf("--top=1 text:\n%s", strings.Join(text, "\n"))
			}
		})
	}
}

// TestCountsRepeat checks that -c repeats the counts: each pass writes its
// --summary and --count documents, one per line, in that order.
func TestCountsRepeat(t *testing.T) {
	nstest.Require(t)
	sc := nstest.Repeating(t, "-c", "-tan", "--summary", "--count=state", "--json")
	for n := 0; n < 6; n++ {
		if !sc.Scan() {
			t.Fatalf("line %d: none (%v)", n, sc.Err())
		}
		var doc struct{ Table string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("line %d: %v: %s", n, err, sc.Text())
		}
		if want := []string{"summary", "counts"}[n%2]; doc.Table != want {
			t.Errorf("line %d is a %q document, want %q", n, doc.Table, want)
		}
	}
}
