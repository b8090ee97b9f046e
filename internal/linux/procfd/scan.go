package procfd

import (
	"bytes"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/gonetstat/netstat/internal/owners"
)

// Scan walks procRoot ("/proc" normally) and returns the socket inode to
// owner index, following net-tools 2.10:
//
//   - the entries of procRoot are taken in directory (readdir) order, and
//     only those named by digits alone;
//   - PID/fd is opened: EACCES sets Denied, any other failure (say the
//     process has gone) skips the process quietly;
//   - each fd entry whose name starts with a digit is read with readlink (at
//     most 29 bytes) and kept when it reads "socket:[N]" or "[0000]:N";
//   - on a process's first socket its cmdline is read (one read of at most
//     511 bytes) and the program name derived from argv[0]; when that fails
//     the socket is skipped and the next one tries again;
//   - the first owner found for an inode wins.
//
// When procRoot cannot be opened, the index is empty with Unreadable set.
func Scan(procRoot string) *owners.Index {
	ix := owners.NewIndex()
	s := fdScanner{root: procRoot, ix: ix}
	s.scan()
	return ix
}

// fdScanner holds the buffers reused across the walk.
type fdScanner struct {
	root    string
	ix      *owners.Index
	procBuf [8192]byte // getdents buffer for procRoot
	fdBuf   [8192]byte // getdents buffer for one PID/fd directory
	link    [29]byte   // readlink target, as net-tools' char lname[30]
	cmdline [511]byte  // as net-tools' char cmdlbuf[512]
}

// openDir opens a directory for getdents.
func openDir(path string) (int, error) {
	return unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
}

func (s *fdScanner) scan() {
	dir, err := openDir(s.root)
	if err != nil {
		s.ix.Unreadable = true
		return
	}
	defer unix.Close(dir)
	eachDirent(dir, s.procBuf[:], func(name []byte) {
		if allDigits(name) {
			s.scanPID(string(name))
		}
	})
}

// scanPID records the sockets of one process.
func (s *fdScanner) scanPID(pid string) {
	pidNum, err := strconv.Atoi(pid)
	if err != nil {
		return // more digits than an int holds: not a real process
	}
	dir, err := openDir(s.root + "/" + pid + "/fd")
	if err != nil {
		if err == unix.EACCES {
			s.ix.Denied = true
		}
		return
	}
	defer unix.Close(dir)
	var owner owners.Owner
	named := false
	eachDirent(dir, s.fdBuf[:], func(name []byte) {
		if len(name) == 0 || name[0] < '0' || name[0] > '9' {
			return
		}
		n, err := unix.Readlinkat(dir, string(name), s.link[:])
		if err != nil {
			return
		}
		inode, ok := socketInode(s.link[:n])
		if !ok {
			return
		}
		if !named {
			prog, ok := s.readProgram(pid)
			if !ok {
				return
			}
			owner, named = owners.Owner{PID: pidNum, Program: prog}, true
		}
		s.ix.Add(inode, owner)
	})
}

// readProgram reads PID/cmdline once, as net-tools does, and returns the
// program name.
func (s *fdScanner) readProgram(pid string) (string, bool) {
	fd, err := unix.Open(s.root+"/"+pid+"/cmdline", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", false
	}
	n, rerr := unix.Read(fd, s.cmdline[:])
	if unix.Close(fd) != nil || rerr != nil {
		return "", false
	}
	return programName(s.cmdline[:n]), true
}

// programName returns net-tools' name for a command line: argv[0], cut
// after its last '/' only when it starts with '/'.
func programName(cmdline []byte) string {
	if i := bytes.IndexByte(cmdline, 0); i >= 0 {
		cmdline = cmdline[:i]
	}
	if len(cmdline) > 0 && cmdline[0] == '/' {
		cmdline = cmdline[bytes.LastIndexByte(cmdline, '/')+1:]
	}
	return string(cmdline)
}

// allDigits reports whether name is made of ASCII digits only.
func allDigits(name []byte) bool {
	for _, c := range name {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(name) > 0
}
