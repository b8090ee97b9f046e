package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// event is one socket change as the watch reported it.
type event struct {
	time                 time.Time
	kind                 string // + - ~
	proto, local, remote string
	state, oldState      string
	owner                string // "PID/program" with -p
}

// parseText reads a text line: TIME KIND PROTO LOCAL REMOTE STATE [OWNER].
func parseText(line string) (event, error) {
	f := strings.Fields(line)
	if len(f) < 6 {
		return event{}, fmt.Errorf("%d fields", len(f))
	}
	ts, err := time.Parse(time.RFC3339Nano, f[0])
	if err != nil {
		return event{}, err
	}
	e := event{time: ts, kind: f[1], proto: f[2], local: f[3], remote: f[4], state: f[5]}
	if e.kind == "~" {
		var ok bool
		if e.oldState, e.state, ok = strings.Cut(f[5], "->"); !ok {
			return event{}, fmt.Errorf("state change without ->: %q", f[5])
		}
	}
	if len(f) > 6 {
		e.owner = f[6]
	}
	return e, nil
}

// parseJSON reads a JSON Lines object.
// jsonSchema is the documented JSON schema, which every event must follow.
const jsonSchema = "../../docs/json.md"

func parseJSON(line string) (event, error) {
	var o struct {
		Time, Event, Proto, Local, Remote, State, OldState, Program string
		PID                                                         int
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(line), &raw); err != nil {
		return event{}, err
	}
	schema, err := schematest.Load(jsonSchema)
	if err != nil {
		return event{}, err
	}
	if errs := schema.CheckAs([]byte(line), "socket_event"); len(errs) > 0 {
		return event{}, errors.Join(errs...)
	}
	if err := json.Unmarshal([]byte(line), &o); err != nil {
		return event{}, err
	}
	o.OldState, _ = raw["old_state"].(string)
	ts, err := time.Parse(time.RFC3339Nano, o.Time)
	if err != nil {
		return event{}, err
	}
	kind := map[string]string{"opened": "+", "closed": "-", "state": "~"}[o.Event]
	e := event{time: ts, kind: kind, proto: o.Proto, local: o.Local, remote: o.Remote, state: o.State, oldState: o.OldState}
	if o.PID != 0 {
		e.owner = strconv.Itoa(o.PID) + "/" + o.Program
	}
	return e, nil
}

// events reads a watcher's lines as socket events.
type events struct {
	*watcher
	parse func(string) (event, error)
	seen  []event
}

// expect waits for an event of kind on the socket local -> remote, in
// state (and, for "~", coming from old).
func (ev *events) expect(t *testing.T, kind, local, remote, old, state string) event {
	t.Helper()
	var got event
	want := fmt.Sprintf("%s tcp %s %s %s->%s", kind, local, remote, old, state)
	ev.watcher.expect(t, want, func(line string) bool {
		e, err := ev.parse(line)
		if err != nil {
			t.Fatalf("unreadable line %q: %v", line, err)
		}
		ev.seen = append(ev.seen, e)
		got = e
		return e.kind == kind && e.proto == "tcp" && e.local == local && e.remote == remote &&
			e.state == state && e.oldState == old
	})
	return got
}

// ready waits until the watch has taken its first reading: it opens
// canary listeners until one is reported as opened.
func (ev *events) ready(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		try := time.Now().Add(2 * time.Second)
		for {
			line, ok := ev.next(t, time.Until(try))
			if !ok {
				break
			}
			if e, err := ev.parse(line); err == nil && e.kind == "+" && e.local == addr {
				ln.Close()
				return
			}
		}
		ln.Close()
	}
	t.Fatalf("the watch never reported a new listener; stderr %q", ev.stderr.String())
}

// TestPipe opens a listener, connects to it, lets the connection change
// state and closes everything, and checks each event in the text and the
// JSON Lines output, with -p owners and timestamps.
func TestPipe(t *testing.T) {
	nstest.Require(t)
	for _, tc := range []struct {
		name  string
		args  []string
		parse func(string) (event, error)
	}{
		{"text", []string{"--watch=0.3", "-tanp"}, parseText},
		{"json", []string{"--watch=0.3", "-tanp", "--json"}, parseJSON},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			ev := &events{watcher: startWatch(t, tc.args...), parse: tc.parse}
			ev.ready(t)

			ln, err := net.Listen("tcp4", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			server := ln.Addr().String()
			e := ev.expect(t, "+", server, "0.0.0.0:*", "", "LISTEN")
			owner := strconv.Itoa(os.Getpid()) + "/"
			if !strings.HasPrefix(e.owner, owner) {
				t.Errorf("listener's owner %q, want %s...", e.owner, owner)
			}

			conn, err := net.Dial("tcp4", server)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			accepted, err := ln.Accept()
			if err != nil {
				t.Fatal(err)
			}
			client := conn.LocalAddr().String()
			ev.expect(t, "+", client, server, "", "ESTABLISHED")

			// The server side closes: the client's socket, same inode,
			// goes to CLOSE_WAIT.
			accepted.Close()
			e = ev.expect(t, "~", client, server, "ESTABLISHED", "CLOSE_WAIT")
			if !strings.HasPrefix(e.owner, owner) {
				t.Errorf("owner of the state change %q, want %s...", e.owner, owner)
			}
			conn.Close()
			ev.expect(t, "-", client, server, "", "CLOSE_WAIT")
			ln.Close()
			ev.expect(t, "-", server, "0.0.0.0:*", "", "LISTEN")

			var last time.Time
			for _, e := range ev.seen {
				if e.time.Before(start.Add(-time.Second)) || e.time.After(time.Now().Add(time.Second)) {
					t.Errorf("timestamp %v outside the test's run (%v to now)", e.time, start)
				}
				if e.time.Before(last) {
					t.Errorf("timestamp %v before the previous one %v", e.time, last)
				}
				last = e.time
			}
			if st := ev.stop(t, syscall.SIGTERM); st != "exit 0" {
				t.Errorf("after SIGTERM: %s, want exit 0", st)
			}
			if ev.stderr.Len() > 0 {
				t.Errorf("stderr: %q", ev.stderr.String())
			}
		})
	}
}

// TestPipeClosed checks that the watch ends quietly when its reader goes
// away, even when nothing changes, and on SIGINT.
func TestPipeClosed(t *testing.T) {
	nstest.Require(t)
	p := startWatch(t, "--watch=0.2", "-tan")
	time.Sleep(500 * time.Millisecond)
	p.pipe.Close()
	st := p.stop(t, 0)
	if st != "exit 0" && st != "signal "+syscall.SIGPIPE.String() {
		t.Errorf("after its reader went away: %s, want exit 0 or SIGPIPE", st)
	}
	if p.stderr.Len() > 0 {
		t.Errorf("stderr: %q", p.stderr.String())
	}

	p = startWatch(t, "--watch=0.2", "-xa")
	time.Sleep(300 * time.Millisecond)
	if st := p.stop(t, syscall.SIGINT); st != "exit 0" {
		t.Errorf("after SIGINT: %s, want exit 0", st)
	}
}

// TestWatchRejectsOtherTables checks the message for tables --watch does
// not watch.
func TestWatchRejectsOtherTables(t *testing.T) {
	nstest.Require(t)
	p := startWatch(t, "--watch", "-r")
	if st := p.stop(t, 0); st != "exit 3" && st != "exit 1" {
		t.Errorf("--watch -r: %s", st)
	}
	if !strings.Contains(p.stderr.String(), "--watch") {
		t.Errorf("--watch -r: stderr %q", p.stderr.String())
	}
}
