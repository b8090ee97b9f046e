// Package terminal tests that names which come from other users (program
// names, UNIX socket paths, host names, interface names) cannot steer the
// terminal netstat writes to, and that scripts still get net-tools' bytes.
//
// The scene is one network namespace (nstest's, named with `ip netns
// attach` so that `ip netns exec` bind-mounts a hosts file over /etc/hosts)
// holding:
//
//   - holder processes whose argv[0] carries ESC sequences, CR, BEL, SO/SI
//     and other C0 bytes, a raw C1 byte (0x9b) and its UTF-8 form (U+009B),
//     invalid UTF-8 (0xff, a lone 0xc3), DEL, a newline, and runs of "é"
//     long enough that the 19-byte -p cut splits one of them; each holds
//     a TCP listener with an established connection to it and UNIX
//     sockets;
//   - UNIX sockets, filesystem and abstract, whose names carry the same
//     bytes, and names with TAB, VT, FF, CR and a space, which net-tools
//     cuts there (it reads the path as a scanf %s token, and C isspace
//     counts all five);
//   - host names for 192.0.2.77, 192.0.2.78 (long enough to be cut to the
//     23-column address field) and 203.0.113.9 (a -r host route) with ESC,
//     BEL and 0xff in them, which glibc's files backend returns as they are;
//   - two veth interfaces named with ESC and BEL, and with 0xff, a C1 byte
//     and SOH, shown by -i, -ie and -r.
//
// For each of -tap, -xap, -xp, -ta, -i, -ie, -r and -e, all run through
// `ip netns exec`:
//
//   - into a pipe, our stdout, stderr and exit status equal
//     /usr/bin/netstat's byte for byte, and the reference really shows the
//     raw names (so the scene is what the test thinks it is);
//   - on a pseudo-terminal (OPOST off, so the terminal adds nothing), our
//     output has no C0 byte but newline, no DEL, no C1 character (raw or
//     UTF-8) and is valid UTF-8; it shows each name in the escaped form
//     written out by hand in names_test.go; and as a whole it equals the
//     pipe output mapped through termsafe.
//
// Where the cuts apply: net-tools cuts "PID/name" to 19 bytes, the
// address to the 23-column field and the UNIX path at whitespace, all on
// the raw bytes, and pads columns by the raw length. On a terminal the same
// cut and padded bytes are then escaped, so an escaped name takes more
// columns than the field and pushes the rest of its row right; a cut that
// splits a UTF-8 sequence shows the lone byte as \xHH. Escaping happens on
// the whole stream (cmd/netstat/output.go), with one exception: a newline
// inside a program name (argv[0] may hold one; paths, host and interface
// names cannot) is written as \n by the -p column itself, since on the
// stream it could not be told from a row's end. Every other byte is mapped
// by termsafe, so the terminal text is the pipe text with the program
// name's newline escaped, then mapped through termsafe.
package terminal
