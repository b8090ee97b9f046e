package watch

import (
	"fmt"
	"strings"
	"testing"
)

// changeText writes changes compactly for comparisons.
func changeText(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%c %s %s %s %d", c.Kind, c.Socket.Proto, c.Socket.Local, c.Socket.Remote, c.Socket.Inode)
		if c.Kind == Changed {
			fmt.Fprintf(&b, " %s->%s", c.OldState, c.Socket.State)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	orphan := with(accepted, "FIN_WAIT2")
	orphan.Inode = 0
	for _, tc := range []struct {
		name      string
		prev, cur []Socket
		want      string
	}{
		{"nothing", []Socket{listener, udp6}, []Socket{listener, udp6}, ""},
		{"queues do not count", []Socket{client}, []Socket{func() Socket { s := client; s.SendQ = 99; return s }()}, ""},
		{"opened", []Socket{listener}, []Socket{listener, client, accepted},
			"+ tcp 127.0.0.1:40000 127.0.0.1:8080 101\n+ tcp 127.0.0.1:8080 127.0.0.1:40000 102\n"},
		{"closed first", []Socket{listener, client, unixPath}, []Socket{accepted},
			"- tcp 127.0.0.1:8080 0.0.0.0:* 100\n- tcp 127.0.0.1:40000 127.0.0.1:8080 101\n" +
				"- unix /run/my app.sock  104\n+ tcp 127.0.0.1:8080 127.0.0.1:40000 102\n"},
		{"state", []Socket{client}, []Socket{with(client, "CLOSE_WAIT")},
			"~ tcp 127.0.0.1:40000 127.0.0.1:8080 101 ESTABLISHED->CLOSE_WAIT\n"},
		// Closed by its process, the socket loses its inode: another socket.
		{"orphaned", []Socket{accepted}, []Socket{orphan},
			"- tcp 127.0.0.1:8080 127.0.0.1:40000 102\n+ tcp 127.0.0.1:8080 127.0.0.1:40000 0\n"},
		{"family is part of the key", []Socket{udp6}, []Socket{func() Socket { s := udp6; s.Proto = "udp"; return s }()},
			"- udp6 :::5353 :::* 103\n+ udp :::5353 :::* 103\n"},
		// Two TIME_WAIT rows with the same key (inode 0): counted, not merged.
		{"duplicates", []Socket{orphan, orphan}, []Socket{with(orphan, "TIME_WAIT")},
			"- tcp 127.0.0.1:8080 127.0.0.1:40000 0\n~ tcp 127.0.0.1:8080 127.0.0.1:40000 0 FIN_WAIT2->TIME_WAIT\n"},
		{"from nothing", nil, []Socket{udp6}, "+ udp6 :::5353 :::* 103\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := changeText(Diff(tc.prev, tc.cur)); got != tc.want {
				t.Errorf("got\n%swant\n%s", got, tc.want)
			}
		})
	}
}

func TestKindWord(t *testing.T) {
	for k, w := range map[Kind]string{Opened: "opened", Closed: "closed", Changed: "state", 'x': ""} {
		if got := k.Word(); got != w {
			t.Errorf("%q.Word() = %q, want %q", k, got, w)
		}
	}
}
