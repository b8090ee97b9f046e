package diagnose

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkCloseWait counts CLOSE_WAIT sockets per program: the peer has
// closed, and the program never called close(), which is how a socket
// leak shows. The kernel tables carry no socket age, so the oldest socket
// is the one with the lowest inode number (inodes are handed out in
// increasing order as sockets are made).
func checkCloseWait(s *samples, t *Thresholds) Finding {
	type holder struct {
		name   string
		count  int
		oldest *sockets.Socket
	}
	byOwner := map[string]*holder{}
	total := 0
	for i := range s.after.Sockets {
		sk := &s.after.Sockets[i]
		if sk.Protocol != sockets.TCP || sk.State != sockets.CloseWait {
			continue
		}
		total++
		name := ownerText(s.after, sk.Inode)
		if sk.Inode == 0 {
			name = "no process (inode 0)"
		}
		h := byOwner[name]
		if h == nil {
			h = &holder{name: name}
			byOwner[name] = h
		}
		h.count++
		if h.oldest == nil || sk.Inode < h.oldest.Inode {
			h.oldest = sk
		}
	}
	holders := make([]*holder, 0, len(byOwner))
	for _, h := range byOwner {
		holders = append(holders, h)
	}
	slices.SortFunc(holders, func(a, b *holder) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.name, b.name))
	})
	sev := OK
	var lines []string
	for _, h := range holders {
		sev = max(sev, grade(float64(h.count), t.CloseWaitWarning, t.CloseWaitCritical))
		lines = append(lines, fmt.Sprintf("%s: %d in CLOSE_WAIT, oldest %s -> %s (inode %d)",
			h.name, h.count, h.oldest.Local, h.oldest.Remote, h.oldest.Inode))
	}
	f := Finding{Severity: sev, Evidence: listed(lines)}
	switch {
	case sev > OK:
		f.Title = fmt.Sprintf("%s holds %d sockets in CLOSE_WAIT (never closed)", holders[0].name, holders[0].count)
		f.Advice = "the program does not close() sockets its peers closed (a leak): fix or restart it; " +
			"see: netstat -tnp --state CLOSE_WAIT"
	default:
		f.Title = fmt.Sprintf("no CLOSE_WAIT build-up (%d sockets)", total)
	}
	return f
}
