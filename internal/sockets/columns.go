package sockets

import (
	"strconv"

	"github.com/gonetstat/netstat/internal/cfmt"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/termsafe"
)

// extras holds what the optional columns (-e, -p, -o) need.
type extras struct {
	user     bool // -e
	numUser  bool
	programs bool // -p
	timers   bool // -o
	names    Namer
	owners   *owners.Index
	// escapeNewlines is set when stdout escapes for a terminal.
	escapeNewlines bool
}

// appendUserInode writes the -e columns: " user " (or the uid) and the inode.
func (x *extras) appendUserInode(b []byte, uid uint32, inode uint64) []byte {
	b = append(b, ' ')
	name, ok := "", false
	if !x.numUser {
		name, ok = x.names.User(uid)
	}
	if !ok {
		name = strconv.FormatInt(int64(int32(uid)), 10)
	}
	b = cfmt.AppendLeft(b, name, 10)
	b = append(b, ' ')
	return cfmt.AppendLeft(b, strconv.FormatUint(inode, 10), 10)
}

// appendProgram appends the -p column text, "PID/program" cut to 19 bytes
// or "-", padded to width columns. On a terminal a newline in the program
// name is written as \n (after the cut and the padding count, which stay
// net-tools'); the output stream escapes every other control character.
func (x *extras) appendProgram(b []byte, inode uint64, width int) []byte {
	o, ok := x.owners.Lookup(inode)
	if !ok {
		return cfmt.AppendLeft(b, "-", width)
	}
	start := len(b)
	b = strconv.AppendInt(b, int64(o.PID), 10)
	b = append(b, '/')
	b = append(b, o.Program...)
	if len(b)-start > 19 {
		b = b[:start+19]
	}
	pad := width - (len(b) - start) // by the bytes net-tools prints
	if x.escapeNewlines {
		b = termsafe.EscapeNewlines(b, start)
	}
	for ; pad > 0; pad-- {
		b = append(b, ' ')
	}
	return b
}

// appendTail writes the extra columns after the main part of a row, in
// net-tools order, and the newline. timer is only used with -o.
func (x *extras) appendTail(b []byte, uid uint32, inode uint64, timer string) []byte {
	if x.user {
		b = x.appendUserInode(b, uid, inode)
	}
	if x.programs {
		b = append(b, ' ')
		b = x.appendProgram(b, inode, 20)
	}
	if x.timers {
		b = append(b, ' ')
		b = append(b, timer...)
	}
	return append(b, '\n')
}
