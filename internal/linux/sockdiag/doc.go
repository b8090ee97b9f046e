// Package sockdiag reads the Internet socket tables over NETLINK_SOCK_DIAG
// (inet_diag) and yields the same records, in the same order, as the
// /proc/net reader (internal/linux/procnet). It implements sockets.Source
// for what netlink can serve with identical output; for the rest its
// methods return an error wrapping ErrUnsupported and the caller reads
// /proc instead.
//
// # What is served
//
// TCP, UDP, UDP-Lite and RAW (RAW needs the kernel's raw_diag; without it
// the kernel answers ENOENT and Inet returns ErrUnsupported), one dump
// request per (family, protocol), so all IPv4 rows come before all IPv6
// rows as net-tools prints them. The kernel walks the same hash tables in
// the same order for both interfaces (listening hash then established hash
// for TCP, the port hash for UDP, the raw hash for RAW), so rows come in
// /proc order.
//
// With Reader.BothFamilies, TCP is one dump instead of two: the legacy
// TCPDIAG_GETSOCK request (struct inet_diag_req), which
// inet_diag_dump_compat serves as an AF_UNSPEC request, so the kernel walks
// its hash tables once and skips no socket by family (about 0.8× the time
// of two requests at 100,000 sockets). Its idiag_ext and idiag_states work
// as in inet_diag_req_v2 and its replies are the same inet_diag_msg, typed
// TCPDIAG_GETSOCK. The family filter of a per-family dump only skips
// sockets of the other family in that same walk, so the IPv4 rows of the
// one dump, visited as they arrive, come in the order of an IPv4 dump, and
// the IPv6 rows, kept (their fixed part and the two tcp_info bytes used)
// and visited by the next Inet(TCP, true, ...), in the order of an IPv6
// dump.
//
// # Field mapping (checked against net/ipv4/tcp_ipv4.c, inet_diag.c,
// tcp_diag.c, udp_diag.c, raw_diag.c)
//
//   - Addresses and ports: idiag_src/idiag_dst are sk_rcv_saddr/sk_daddr
//     (v6: sk_v6_rcv_saddr/sk_v6_daddr), the fields /proc prints; they are
//     in network order and kept 4 bytes wide for AF_INET and 16 for AF_INET6
//     (v4-mapped stays 16), as procnet does. RAW rows take the protocol
//     number as local port (INET_DIAG_PROTOCOL, else idiag_sport) and 0 as
//     remote port, as /proc/net/raw prints inet_num and 0.
//   - State: idiag_state; TIME_WAIT rows carry tw_substate in both; request
//     sockets are reported as SYN_RECV (3) by both.
//   - Queues: /proc prints write_seq-snd_una and rcv_nxt-copied_seq (accept
//     backlog for LISTEN); tcp_diag gives the same except that for LISTEN
//     idiag_wqueue is sk_max_ack_backlog, so Send-Q is forced to 0 for
//     LISTEN. UDP uses udp_rqueue_get/sk_wmem_alloc_get in both; RAW
//     sk_rmem_alloc/sk_wmem_alloc in both.
//   - Timers: idiag_timer is the /proc "tr" value (1 retransmit, 2
//     keepalive, 3 timewait, 4 zero-window probe). idiag_expires is
//     jiffies_delta_to_msecs(t) while /proc prints jiffies_delta_to_clock_t(t);
//     for HZ 100, 250 and 1000 (every HZ that divides 1000) the second equals
//     the first divided by 10 rounded down, which is what TimerTicks gets.
//     With HZ 300 or 1024 the kernel's own rounding differs by at most one
//     tick. Either way the two interfaces read jiffies at different moments.
//   - idiag_retrans is icsk_retransmits for timer 1 and icsk_probes_out for
//     timers 2 and 4, so it fills Retransmits or Timeout; the other one
//     comes from tcp_info (tcpi_retransmits, tcpi_probes), which is asked
//     for only when Reader.Timers is set. Without Timers that other field is
//     0: exact unless a keepalive/probe timer runs with retransmits pending
//     or a retransmit timer runs with probes outstanding.
//   - UID and inode: idiag_uid/idiag_inode, from sock_i_uid/sock_i_ino as in
//     /proc (0 for TIME_WAIT in both). For request sockets the kernel sends
//     uid 0 while /proc prints the listener's uid; the Reader asks the
//     kernel for the listener (an exact SOCK_DIAG_BY_FAMILY lookup on the
//     request's local address and port, cached per Inet call) and uses its
//     uid.
//
// # tcp_info (--tcp-info)
//
// With Reader.TCPInfo, TCP requests also set the INET_DIAG_INFO and
// INET_DIAG_CONG bits of idiag_ext, and each row's struct tcp_info is
// copied, at most as many bytes as the kernel sent, over a zeroed
// unix.TCPInfo: an older kernel's shorter struct leaves the later fields
// (pacing rate from 3.15, bytes acked and received from 4.1, delivery rate
// from 4.9) zero, a newer kernel's longer one is cut. The record filled
// from it, Socket.Info, is reused from row to row. TIME_WAIT and request
// sockets have no tcp_info, and a listener's describes no connection, so
// their Info is nil. TCP is then read per family (the held IPv6 rows of
// BothFamilies keep no tcp_info); the extra attributes make each message
// about 270 bytes longer.
//
// # Residual differences
//
//   - Request sockets: /proc's retrnsmt is req->num_timeout, inet_diag's is
//     req->num_retrans; they differ only when a SYN-ACK retransmission
//     failed or the request was already acknowledged (TCP_DEFER_ACCEPT).
//   - A LISTEN socket reused after connect()+disconnect can show a non-zero
//     write_seq-snd_una in /proc; the Reader prints 0.
//   - Sockets that change between the two reads, and timer values, which
//     move with time.
//
// # UNIX and SCTP are not served
//
// /proc/net/unix prints sk_refcnt (RefCnt column) and socket->state (the
// SS_* "St" column). struct unix_diag_msg carries family, type, sk_state,
// inode and cookie, and no UNIX_DIAG_* attribute carries the reference
// count or the SS_* state, so the RefCnt column cannot be reproduced; Unix
// returns ErrUnsupported.
//
// sctp_diag dumps endpoints only from the endpoint hash and skips the
// endpoints that have associations when any non-LISTEN state is asked
// for, while /proc/net/sctp/eps lists every hashed endpoint; for
// associations it reports asoc->state where /proc's SST column (which
// netstat prints) is sk->sk_state. SCTPEndpoints and SCTPAssocs return
// ErrUnsupported. Legacy families have no sock_diag handler either.
package sockdiag
