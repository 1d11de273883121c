<?php

/*
 * Test stack only, never shipped: a must-use plugin that turns off the login page's autofocus.
 * WordPress focuses and selects the login field 200 ms after wp-login.php loads (wp_attempt_focus).
 * A browser test still typing the password then types the rest of it into the login field, and the
 * log-in fails now and then on a fast machine. The journeys test the portal, not that nicety.
 */

add_filter('enable_login_autofocus', '__return_false');
