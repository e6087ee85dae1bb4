package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/normpress/normpress/templates"
)

// normpressTool is the package a project's go.mod names as its tool, so CI
// runs `go tool normpress` at the version go.mod and go.sum pin.
const normpressTool = "github.com/normpress/normpress/cmd/normpress"

// WorkflowPath is where `new project` puts the GitHub Actions workflow.
const workflowPath = ".github/workflows/normpress.yml"

// workflow is the GitHub Actions workflow of a new project, the same bytes
// as the README's copyable block.
func workflow() []byte {
	data, err := fs.ReadFile(templates.FS, "project/normpress.yml")
	if err != nil {
		panic(err) // embedded at build time; a test reads it
	}
	return data
}

// scaffoldCI adds to a new project what lets it publish on its first push:
// the workflow, a go.mod that pins normpress as a tool (so CI and every
// editor build with the same version, checked by go.sum), and a .gitignore
// for out/. An existing go.mod or .gitignore is left alone; the workflow is
// never overwritten.
func scaffoldCI(dir string, stdout io.Writer) error {
	if err := create(filepath.Join(dir, filepath.FromSlash(workflowPath)), workflow()); err != nil {
		return err
	}
	pin := moduleVersion()
	gomod := fmt.Sprintf("module %s\n\ngo %s\n", modulePath(dir), goVersion())
	if pin != "" {
		gomod += fmt.Sprintf("\ntool %s\n\nrequire github.com/normpress/normpress %s\n", normpressTool, pin)
	}
	for _, f := range []struct{ name, data string }{{"go.mod", gomod}, {".gitignore", "/out/\n"}} {
		name := filepath.Join(dir, f.name)
		if _, err := os.Lstat(name); err == nil {
			fmt.Fprintf(stdout, "kept the existing %s\n", name)
			continue
		}
		if err := create(name, []byte(f.data)); err != nil {
			return err
		}
	}
	if pin == "" {
		pin = "latest"
	}
	fmt.Fprintf(stdout, "wrote %s: on a push it checks and builds, deploys the HTML edition to GitHub Pages from the\n"+
		"default branch and attaches the files to a release for a v* tag. Before the first push, pin normpress:\n"+
		"  cd %s && go get -tool %s@%s\n", filepath.Join(dir, filepath.FromSlash(workflowPath)), dir, normpressTool, pin)
	return nil
}

// modulePath names the project's module after its folder.
func modulePath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	name := strings.ToLower(filepath.Base(abs))
	name = regexp.MustCompile(`[^a-z0-9._-]+`).ReplaceAllString(name, "-")
	name = strings.Trim(name, ".-_")
	if name == "" {
		name = "publications"
	}
	return name
}

// goVersion is the go line of a new project's go.mod: the Go this normpress
// was built with, which is at least the one normpress's own go.mod asks for.
func goVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v, ok := strings.CutPrefix(bi.GoVersion, "go"); ok && regexp.MustCompile(`^[0-9]+\.[0-9]+(\.[0-9]+)?$`).MatchString(v) {
			return v
		}
	}
	return "1.26.8"
}
