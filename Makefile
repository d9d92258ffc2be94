# thidua — the two commands a newcomer needs are `make demo` and `make test`.
.PHONY: demo test bench lint setup clean

setup:
	scripts/setup.sh

demo: setup
	.venv/bin/thidua demo

test:
	scripts/test.sh

bench:
	scripts/bench.sh

lint: setup
	.venv/bin/ruff check .

clean:
	rm -rf .venv node_modules src/thidua/static/vendor var
