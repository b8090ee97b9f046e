package nstest

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"syscall"
)

// roleHolder is the helper role that holds sockets until killed.
const roleHolder = "holder"

// runRole runs the helper role of a re-executed test binary.
func runRole(role string) int {
	if role == roleHolder {
		return holderMain()
	}
	fmt.Fprintln(os.Stderr, "nstest: unknown role", role)
	return 125
}

// holderMain opens a few sockets of each kind (a TCP listener and an
// established pair on 127.0.0.1, a TCP listener on ::1 when IPv6 is there, a
// UDP socket, UNIX stream and datagram sockets with abstract names) and
// keeps them until it is killed or its stdin closes.
func holderMain() int {
	var keep []io.Closer
	open := func(c io.Closer, err error) {
		if err == nil {
			keep = append(keep, c)
		}
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "holder:", err)
		return 1
	}
	keep = append(keep, ln)
	open(net.Dial("tcp4", ln.Addr().String()))
	open(ln.Accept())
	open(net.Listen("tcp6", "[::1]:0"))
	open(net.ListenPacket("udp4", "127.0.0.1:0"))
	name := fmt.Sprintf("@gnst-holder-%d", os.Getpid())
	open(net.Listen("unix", name))
	open(net.ListenPacket("unixgram", name+"-dgram"))
	io.Copy(io.Discard, os.Stdin)
	for _, c := range keep {
		c.Close()
	}
	return 0
}

// Holder is a running helper process that holds sockets.
type Holder struct {
	cmd   *exec.Cmd
	stdin io.Closer
}

// StartHolder starts a holder whose argv[0] (what netstat -p shows) is
// argv0.
func StartHolder(argv0 string) (*Holder, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := &exec.Cmd{Path: self, Args: []string{argv0}}
	cmd.Env = append(os.Environ(), envRole+"="+roleHolder)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &Holder{cmd: cmd, stdin: stdin}, nil
}

// PID is the holder's process ID.
func (h *Holder) PID() int { return h.cmd.Process.Pid }

// Kill kills the holder by PID with SIGKILL and reaps it.
func (h *Holder) Kill() {
	syscall.Kill(h.cmd.Process.Pid, syscall.SIGKILL)
	h.stdin.Close()
	h.cmd.Wait()
}
