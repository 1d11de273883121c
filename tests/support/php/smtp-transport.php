<?php

/*
 * Test stack only, never shipped: a must-use plugin that sends the test site's mail through the
 * test runner's SMTP server (tools/test/mail-catcher.ts), with PHPMailer's SMTP transport, as a
 * site's SMTP plugin would. The site's config names the port.
 */

add_action('phpmailer_init', static function ($phpmailer): void {
    if (!defined('SPP_TEST_SMTP_PORT')) {
        return;
    }
    $phpmailer->isSMTP();
    $phpmailer->Host = '127.0.0.1';
    $phpmailer->Port = (int) SPP_TEST_SMTP_PORT;
    $phpmailer->SMTPAuth = false;
    $phpmailer->SMTPAutoTLS = false;
    $phpmailer->SMTPSecure = '';
});

// WordPress's default sender, wordpress@127.0.0.1, is no valid address for PHPMailer.
add_filter('wp_mail_from', static fn (): string => 'portal@example.test');
