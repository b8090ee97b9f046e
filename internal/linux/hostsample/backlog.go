package hostsample

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// inet_diag layout: the request (struct inet_diag_req_v2) and the reply
// (struct inet_diag_msg) sizes, and the reply offsets used here.
const (
	diagReqLen    = 56 // family, protocol, ext, pad, states, 48-byte sockid
	diagMsgLen    = 72 // family, state, timer, retrans, sockid, expires, rqueue, wqueue, uid, inode
	diagMsgWqueue = 60
	diagMsgInode  = 68
)

// readBacklogs asks sock_diag for the TCP listeners of both families and
// returns each one's backlog by inode: tcp_diag reports a listener's
// sk_max_ack_backlog as its write queue, which the socket records (made
// to /proc's measure) drop.
func readBacklogs() (map[uint64]uint64, error) {
	conn, err := netlink.Dial(unix.NETLINK_SOCK_DIAG, nil)
	if err != nil {
		return nil, fmt.Errorf("listen backlogs: %w", err)
	}
	defer conn.Close()
	out := make(map[uint64]uint64)
	for _, family := range []uint8{unix.AF_INET, unix.AF_INET6} {
		req := make([]byte, diagReqLen)
		req[0], req[1] = family, unix.IPPROTO_TCP
		binary.NativeEndian.PutUint32(req[4:], 1<<sockets.Listen)
		msgs, err := conn.Execute(netlink.Message{
			Header: netlink.Header{Type: unix.SOCK_DIAG_BY_FAMILY, Flags: netlink.Request | netlink.Dump},
			Data:   req,
		})
		if err != nil {
			if family == unix.AF_INET6 && errors.Is(err, unix.ENOENT) {
				continue // no IPv6
			}
			return out, fmt.Errorf("listen backlogs: %w", err)
		}
		for _, m := range msgs {
			if len(m.Data) < diagMsgLen {
				continue
			}
			inode := binary.NativeEndian.Uint32(m.Data[diagMsgInode:])
			out[uint64(inode)] = uint64(binary.NativeEndian.Uint32(m.Data[diagMsgWqueue:]))
		}
	}
	return out, nil
}
