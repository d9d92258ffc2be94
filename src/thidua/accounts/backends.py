"""Password sign-in that finds the account the way the lockout counts it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from thidua.accounts.lockout import account_for


class AccountBackend(ModelBackend):
    """Django's model backend with one change: the typed username is resolved by
    `lockout.account_for` (surrounding spaces and letter case do not matter), so the
    account a password is checked against is exactly the one its failures count against."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = account_for(username)
        if user is None:
            # Hash anyway, so a missing account takes as long as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
