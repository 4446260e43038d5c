"""Batch runs: JSONL files of clusters in, one JSON line per cluster out, in input order.

- `records`: the output line of one cluster, the same on every engine; a cluster that cannot be summarized,
  or takes longer than its time limit, is a line with an ``error`` field, and the run goes on;
- `isolated`: the child process a cluster is summarized in, so that a cluster past its time limit can be
  stopped (a thread cannot be);
- `local`: the batch in this process (`run_batch`); `dask`: on a Dask cluster (`run_dask_batch`).
"""
