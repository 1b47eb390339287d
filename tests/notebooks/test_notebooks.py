"""The notebooks in ``notebooks/`` are stored without outputs and executed here, so they never rot."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="notebook tests need nbformat (pip install -e '.[dev]')")
nbclient = pytest.importorskip("nbclient", reason="notebook tests need nbclient (pip install -e '.[dev]')")
kernelspec = pytest.importorskip("jupyter_client.kernelspec", reason="notebook tests need jupyter_client")

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))


def has_kernel(name: str = "python3") -> bool:
    try:
        kernelspec.KernelSpecManager().get_kernel_spec(name)
    except kernelspec.NoSuchKernel:
        return False
    return True


def outputs(nb, mime: str) -> list[str]:
    return [o["data"][mime] for c in nb.cells for o in c.get("outputs", []) if mime in o.get("data", {})]


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01-quickstart.ipynb", "02-feed-qa.ipynb", "03-corrector.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.skipif(not has_kernel(), reason="no 'python3' Jupyter kernel (pip install ipykernel)")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, when a cell fails
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    html = outputs(nb, "text/html")
    assert any('class="mtqa-report"' in h for h in html), "the Report should display as the HTML report"
    if path.name.startswith("02"):
        assert outputs(nb, "image/png"), "the feed notebook should plot the rule counts"
    if path.name.startswith("01"):
        assert outputs(nb, "application/vnd.jupyter.widget-view+json"), "the review panel should display"
