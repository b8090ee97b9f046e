package diagnose

import (
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

func TestExposureIsInformational(t *testing.T) {
	after := quiet(time.Second, nil)
	wild := tcp(sockets.Listen, "0.0.0.0:22", "", 1)
	mine := tcp(sockets.Listen, "[::]:8080", "", 2)
	mine.UID, mine.IPv6Table = 1000, true
	local := tcp(sockets.Listen, "127.0.0.1:25", "", 3)
	ghost := tcp(sockets.Listen, "10.0.0.1:2049", "", 0)
	conn := tcp(sockets.Established, "0.0.0.0:22", "10.0.0.2:5000", 4)
	after.Sockets = []sockets.Socket{wild, mine, local, ghost, conn}
	after.Owners.Add(1, owners.Owner{PID: 1, Program: "sshd"})
	after.Owners.Add(2, owners.Owner{PID: 2, Program: "app"})
	after.Owners.Add(3, owners.Owner{PID: 3, Program: "exim"})
	f := find(t, Run(nil, after, DefaultThresholds()), "exposure")
	if f.Severity != OK {
		t.Errorf("severity %v", f.Severity)
	}
	if f.Title != "4 listeners: 1 on a wildcard address run by root, 1 with no known owner" {
		t.Errorf("title %q", f.Title)
	}
	if !evidenceHas(f, "wildcard, root: tcp 0.0.0.0:22, uid 0, sshd (pid 1)") || !evidenceHas(f, "no known owner: tcp 10.0.0.1:2049") {
		t.Errorf("evidence %q", f.Evidence)
	}
}
