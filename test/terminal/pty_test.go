package terminal

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
	"golang.org/x/sys/unix"
)

// openPTY returns the master and slave ends of a new pseudo-terminal whose
// output processing (OPOST: \n to \r\n and the like) is off, so that the
// master reads exactly the bytes the program wrote.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		testenv.Skip(t, "no pseudo-terminals: ", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	tio, err := unix.IoctlGetTermios(int(s.Fd()), unix.TCGETS)
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	tio.Oflag &^= unix.OPOST
	if err := unix.IoctlSetTermios(int(s.Fd()), unix.TCSETS, tio); err != nil {
		s.Close()
		t.Fatal(err)
	}
	return m, s
}

// onTerminal runs cmd with its stdout on a new pseudo-terminal and returns
// what reached the terminal and what cmd wrote to stderr.
func onTerminal(t *testing.T, cmd *exec.Cmd) (stdout, stderr []byte, err error) {
	t.Helper()
	master, slave := openPTY(t)
	var errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = slave, &errBuf
	done := make(chan []byte, 1)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, master) // ends with EIO once no slave is open
		done <- b.Bytes()
	}()
	err = cmd.Start()
	slave.Close() // the child has its own copy
	if err != nil {
		return nil, nil, err
	}
	err = cmd.Wait()
	select {
	case stdout = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("terminal output never ended")
	}
	return stdout, errBuf.Bytes(), err
}
