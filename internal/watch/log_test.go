package watch

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// fixtureChanges has one change of each kind, a hostile path and an
// unowned socket.
func fixtureChanges() []Change {
	hostile := unixPath
	hostile.Local = "/tmp/\x1b[2Jevil\nline"
	hostile.PID = 0
	return []Change{
		{Kind: Closed, Socket: unixPath},
		{Kind: Opened, Socket: client},
		{Kind: Changed, Socket: with(accepted, "CLOSE_WAIT"), OldState: "ESTABLISHED"},
		{Kind: Opened, Socket: udp6},
		{Kind: Opened, Socket: hostile},
	}
}

func fixtureRates() []InterfaceRate {
	return []InterfaceRate{
		{Name: "lo", Seconds: 0.5, Delta: Traffic{RxPackets: 10, RxBytes: 840, TxPackets: 10, TxBytes: 840}},
		{Name: "eth0", Seconds: 0.5},
		{Name: "veth1", Seconds: 0.5, Appeared: true, Delta: Traffic{RxDrops: 1, TxErrors: 3}},
	}
}

func fixtureDeltas() []CounterDelta {
	return []CounterDelta{
		{Name: "TcpExtListenDrops", Value: 12, Delta: 3, Seconds: 2},
		{Name: "TcpCurrEstab", Value: 4, Delta: -2, Seconds: 2},
	}
}

func TestLog(t *testing.T) {
	for _, programs := range []bool{false, true} {
		var b bytes.Buffer
		l := &Log{W: &b, Programs: programs}
		if err := l.Sockets(at, fixtureChanges()); err != nil {
			t.Fatal(err)
		}
		if err := l.Interfaces(at, fixtureRates()); err != nil {
			t.Fatal(err)
		}
		if err := l.Counters(at, fixtureDeltas()); err != nil {
			t.Fatal(err)
		}
		name := "log"
		if programs {
			name = "log_programs"
		}
		golden(t, name, b.String())
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if !strings.HasPrefix(line, "2024-05-01T12:30:45.123+02:00 ") {
				t.Errorf("line without its timestamp: %q", line)
			}
		}
	}
}

// failingWriter fails every write.
type failingWriter struct{}

var errFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errFull }

func TestReportersPassWriteErrors(t *testing.T) {
	for _, r := range []Reporter{&Log{W: failingWriter{}}, &JSONLog{W: failingWriter{}}} {
		if err := r.Sockets(at, fixtureChanges()); !errors.Is(err, errFull) {
			t.Errorf("%T.Sockets: %v", r, err)
		}
		if err := r.Interfaces(at, fixtureRates()); !errors.Is(err, errFull) {
			t.Errorf("%T.Interfaces: %v", r, err)
		}
		if err := r.Counters(at, fixtureDeltas()); !errors.Is(err, errFull) {
			t.Errorf("%T.Counters: %v", r, err)
		}
	}
}

func TestJSONLog(t *testing.T) {
	var b bytes.Buffer
	j := &JSONLog{W: &b, Programs: true}
	if err := j.Sockets(at, fixtureChanges()); err != nil {
		t.Fatal(err)
	}
	if err := j.Interfaces(at, fixtureRates()); err != nil {
		t.Fatal(err)
	}
	if err := j.Counters(at, fixtureDeltas()); err != nil {
		t.Fatal(err)
	}
	golden(t, "jsonlog", b.String())

	// Every line is one object; check the fields a consumer relies on.
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 5+2+2 {
		t.Fatalf("%d lines, want 9 (5 sockets, 2 interfaces that moved, 2 counters)", len(lines))
	}
	var objs []map[string]any
	for _, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if m["time"] != "2024-05-01T12:30:45.123+02:00" {
			t.Errorf("time %v", m["time"])
		}
		objs = append(objs, m)
	}
	if o := objs[2]; o["event"] != "state" || o["old_state"] != "ESTABLISHED" || o["state"] != "CLOSE_WAIT" || o["pid"] != 7.0 {
		t.Errorf("state event: %v", o)
	}
	if o := objs[4]; o["local"] != "/tmp/\x1b[2Jevil\nline" || o["pid"] != nil {
		t.Errorf("unowned socket with a hostile path: %v", o)
	}
	if o := objs[6]; o["interface"] != "veth1" || o["appeared"] != true ||
		o["delta"].(map[string]any)["tx_errors"] != 3.0 || o["rate"].(map[string]any)["tx_errors"] != 6.0 {
		t.Errorf("interface event: %v", o)
	}
	if o := objs[8]; o["counter"] != "TcpCurrEstab" || o["delta"] != -2.0 || o["rate"] != -1.0 || o["value"] != 4.0 {
		t.Errorf("counter event: %v", o)
	}
}

func TestField(t *testing.T) {
	for in, want := range map[string]string{
		"":                "-",
		"/run/x":          "/run/x",
		"/run/my app":     `"/run/my app"`,
		"a\nb":            `"a\nb"`,
		"bad\xffutf8":     `"bad\xffutf8"`,
		"ünïcode":         "ünïcode",
		"say \"hi\"":      `"say \"hi\""`,
		"@abstract\x00ns": `"@abstract\x00ns"`,
	} {
		if got := field(in); got != want {
			t.Errorf("field(%q) = %s, want %s", in, got, want)
		}
	}
}
