package procfd

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

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
// The processes are read by a few workers at once (see scanWorkers), each
// process wholly by one worker, and their results are merged in readdir
// order, so the first owner is the one net-tools would find.
//
// When procRoot cannot be opened, the index is empty with Unreadable set.
func Scan(procRoot string) *owners.Index {
	pids, ok := listPIDs(procRoot)
	if !ok {
		ix := owners.NewIndex()
		ix.Unreadable = true
		return ix
	}
	results := make([]pidResult, len(pids))
	scanAll(procRoot, pids, results, workerCount(len(pids)))
	total := 0
	for i := range results {
		total += len(results[i].inodes)
	}
	ix := owners.NewIndexSize(total)
	for i := range results {
		r := &results[i]
		ix.Denied = ix.Denied || r.denied
		for _, inode := range r.inodes {
			ix.Add(inode, r.owner)
		}
	}
	return ix
}

// scanWorkers caps the number of processes read at once; 0 means
// GOMAXPROCS. The kernel work of readlink on /proc/PID/fd dominates the
// scan and runs in parallel on separate processes (see bench_test.go).
var scanWorkers = 0

// workerCount is how many workers scan n processes.
func workerCount(n int) int {
	w := scanWorkers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, n))
}

// pidResult is what one process contributed: its sockets' inodes in fd
// order, and its owner.
type pidResult struct {
	owner  owners.Owner
	inodes []uint64
	denied bool // PID/fd gave EACCES
}

// listPIDs returns the all-digit entries of procRoot in readdir order.
func listPIDs(procRoot string) ([]string, bool) {
	dir, err := openDir(procRoot)
	if err != nil {
		return nil, false
	}
	defer unix.Close(dir)
	var pids []string
	buf := make([]byte, 32<<10)
	eachDirent(dir, buf, func(name, _ []byte) {
		if allDigits(name) {
			pids = append(pids, string(name))
		}
	})
	return pids, true
}

// scanAll fills results[i] for pids[i] with the given number of workers,
// which take the next unread process as they go.
func scanAll(root string, pids []string, results []pidResult, workers int) {
	var next atomic.Int64
	work := func() {
		s := newFDScanner(root)
		for {
			i := int(next.Add(1) - 1)
			if i >= len(pids) {
				return
			}
			s.scanPID(pids[i], &results[i])
		}
	}
	if workers <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(work)
	}
	wg.Wait()
}

// fdScanner holds one worker's buffers, reused from process to process.
type fdScanner struct {
	root    string
	fdBuf   []byte    // getdents buffer for one PID/fd directory
	link    [29]byte  // readlink target, as net-tools' char lname[30]
	cmdline [511]byte // as net-tools' char cmdlbuf[512]
}

func newFDScanner(root string) *fdScanner {
	return &fdScanner{root: root, fdBuf: make([]byte, 32<<10)}
}

// openDir opens a directory for getdents.
func openDir(path string) (int, error) {
	return unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
}

// scanPID reads the sockets of one process into r.
func (s *fdScanner) scanPID(pid string, r *pidResult) {
	pidNum, err := strconv.Atoi(pid)
	if err != nil {
		return // more digits than an int holds: not a real process
	}
	dir, err := openDir(s.root + "/" + pid + "/fd")
	if err != nil {
		r.denied = err == unix.EACCES
		return
	}
	defer unix.Close(dir)
	named := false
	eachDirent(dir, s.fdBuf, func(name, cname []byte) {
		if len(name) == 0 || name[0] < '0' || name[0] > '9' {
			return
		}
		n, err := readlinkat(dir, cname, s.link[:])
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
			r.owner, named = owners.Owner{PID: pidNum, Program: prog}, true
		}
		r.inodes = append(r.inodes, inode)
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
