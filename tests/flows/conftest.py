"""Flow tests share one Prefect test harness per session (its start runs DB migrations: ~15 s here)."""
import pytest


@pytest.fixture(autouse=True, scope="session")
def prefect_harness():
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=180), \
            temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
