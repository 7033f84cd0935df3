"""Every documents model the admin should show is registered and its list page opens."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("model", ["seal", "numberseries", "issuednumber", "formatrule"])
def test_admin_changelist_opens(client, demo, model) -> None:
    client.force_login(demo["users"]["admin"])
    assert client.get(reverse(f"admin:documents_{model}_changelist")).status_code == 200
