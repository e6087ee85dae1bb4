package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Sample is one timed process run (or, for pandoc, the sum over the runs
// one build of the same publications takes).
type Sample struct {
	Wall time.Duration
	CPU  time.Duration // user + system
	RSS  int64         // peak resident set, bytes (the largest process)
}

// Timing summarises the runs of one configuration.
type Timing struct {
	Runs      int           `json:"runs"`
	Min       time.Duration `json:"min_ns"`
	Median    time.Duration `json:"median_ns"`
	MedianCPU time.Duration `json:"median_cpu_ns"`
	PeakRSS   int64         `json:"peak_rss_bytes"`
	Samples   []Sample      `json:"-"`
}

func summarise(s []Sample) Timing {
	t := Timing{Runs: len(s), Samples: s}
	if len(s) == 0 {
		return t
	}
	walls := make([]time.Duration, len(s))
	cpus := make([]time.Duration, len(s))
	for i, x := range s {
		walls[i], cpus[i] = x.Wall, x.CPU
		t.PeakRSS = max(t.PeakRSS, x.RSS)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	t.Min, t.Median, t.MedianCPU = walls[0], median(walls), median(cpus)
	return t
}

func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// runTimed runs cmd to the end and measures it from the outside, as a user's
// shell would: wall time from start to exit, and the kernel's account of CPU
// time and peak memory. Output goes to buffers so a terminal's speed does not
// count.
func runTimed(cmd *exec.Cmd) (Sample, []byte, []byte, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return Sample{}, nil, nil, err
	}
	s := Sample{Wall: wall, CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.RSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	if err != nil {
		return s, stdout.Bytes(), stderr.Bytes(), fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, tail(stderr.Bytes(), 20))
	}
	return s, stdout.Bytes(), stderr.Bytes(), nil
}

// tail is the last n lines of b, for error messages.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// normpress runs the normpress binary for the benchmark.
type normpress struct {
	bin   string
	epoch string
	tmp   string // scratch folder for output folders
}

// build runs one normpress build of the project into a fresh output folder,
// removed afterwards (outside the timing), so that every run writes
// everything from scratch.
func (np *normpress) build(project string, pubs, formats []string) (Sample, []byte, error) {
	out, err := os.MkdirTemp(np.tmp, "out-")
	if err != nil {
		return Sample{}, nil, err
	}
	defer os.RemoveAll(out)
	args := []string{"build", "--project", project, "--out", out, "--json"}
	for _, p := range pubs {
		args = append(args, "--pub", p)
	}
	for _, f := range formats {
		args = append(args, "--format", f)
	}
	cmd := exec.Command(np.bin, args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+np.epoch)
	s, stdout, _, err := runTimed(cmd)
	return s, stdout, err
}

// check runs normpress check on a project and returns its diagnostics' text;
// a non-zero exit is an error, since a corpus that does not check would
// measure the error path.
func (np *normpress) check(project string) (warnings int, err error) {
	cmd := exec.Command(np.bin, "check", "--project", project)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+np.epoch)
	_, _, stderr, err := runTimed(cmd)
	if err != nil {
		return 0, fmt.Errorf("the generated corpus does not check: %v", err)
	}
	return strings.Count(string(stderr), ": warning: "), nil
}
