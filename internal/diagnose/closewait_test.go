package diagnose

import (
	"fmt"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

func TestCloseWaitPerProgram(t *testing.T) {
	after := quiet(time.Second, nil)
	for i := range 12 {
		inode := uint64(500 - i) // the last one made is the oldest
		after.Sockets = append(after.Sockets, tcp(sockets.CloseWait, "127.0.0.1:8080", fmt.Sprintf("127.0.0.1:%d", 40000+i), inode))
		after.Owners.Add(inode, owners.Owner{PID: 77, Program: "leaky"})
	}
	for i := range 3 {
		inode := uint64(900 + i)
		after.Sockets = append(after.Sockets, tcp(sockets.CloseWait, "127.0.0.1:9000", fmt.Sprintf("127.0.0.1:%d", 50000+i), inode))
		after.Owners.Add(inode, owners.Owner{PID: 78, Program: "tidy"})
	}
	f := find(t, Run(quiet(0, nil), after, DefaultThresholds()), "close-wait")
	if f.Severity != Warning {
		t.Errorf("severity %v, want warning", f.Severity)
	}
	if f.Title != "leaky (pid 77) holds 12 sockets in CLOSE_WAIT (never closed)" {
		t.Errorf("title %q", f.Title)
	}
	if f.Evidence[0] != "leaky (pid 77): 12 in CLOSE_WAIT, oldest 127.0.0.1:8080 -> 127.0.0.1:40011 (inode 489)" {
		t.Errorf("evidence %q", f.Evidence[0])
	}
	if len(f.Evidence) != 2 {
		t.Errorf("evidence %q, want one line per program", f.Evidence)
	}
	th := DefaultThresholds()
	th.Set("close-wait-critical", "12")
	if f := find(t, Run(nil, after, th), "close-wait"); f.Severity != Critical {
		t.Errorf("12 at critical 12: %v", f.Severity)
	}
}
