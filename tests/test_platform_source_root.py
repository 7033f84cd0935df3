"""``platform/`` is a source root: ``import platform`` must still be the standard library."""

import platform
import sysconfig
from pathlib import Path


def test_import_platform_gives_the_standard_library_module() -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    assert Path(platform.__file__).resolve().parent == stdlib
    assert platform.python_version().startswith("3.")


def test_the_product_package_is_gongwen() -> None:
    import gongwen

    assert Path(gongwen.__file__).resolve().parent.parent.name == "platform"
