<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Frontend;

use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Plugin;
use SupportProvisioningPortal\Service\UserRights;

/**
 * [support_provisioning_portal]: the end-user portal on any page, post, block or widget. The
 * server renders only the shell (a login link, a refusal, or a mount point per instance); the
 * portal script (ui/portal) fills each mount point.
 */
final class Shortcode
{
    public const TAG = Plugin::SHORTCODE_TAG;

    private static int $instances = 0;

    /**
     * Classic themes render the content after wp_head: when the page being shown contains the
     * shortcode, load the style in the head rather than late in the footer (no unstyled flash).
     * Block themes render the content before wp_head, so the shortcode's own enqueue is in time.
     */
    public static function enqueueEarly(): void
    {
        $post = is_singular() ? get_queried_object() : null;
        if ($post instanceof \WP_Post && has_shortcode($post->post_content, self::TAG) && self::mayUse()) {
            PortalAssets::enqueue();
        }
    }

    public static function render(): string
    {
        if (!is_user_logged_in()) {
            return self::box(sprintf(
                '<p>%s</p><p><a href="%s">%s</a></p>',
                esc_html__('The Support Provisioning portal is for signed-in staff.', 'support-provisioning-portal'),
                esc_url(wp_login_url(self::currentUrl())),
                esc_html__('Log in to see your deployments', 'support-provisioning-portal')
            ));
        }
        if (!self::mayUse()) {
            return self::box(sprintf('<p>%s</p>', esc_html__(
                'You have no access to the Support Provisioning portal. Ask a user who manages rights to grant it.',
                'support-provisioning-portal'
            )));
        }
        if (!PortalAssets::isBuilt()) {
            return self::box(sprintf('<p>%s</p>', esc_html__(
                'The portal app is missing from build/: install a release package, or run "npm run build".',
                'support-provisioning-portal'
            )));
        }
        PortalAssets::enqueue();
        $id = 'spp-portal-' . ++self::$instances;
        return sprintf(
            '<div class="spp-portal" id="%1$s" data-spp-portal><noscript><p>%2$s</p></noscript></div>',
            esc_attr($id),
            esc_html__(
                'The Support Provisioning portal needs JavaScript. Enable it in your browser and reload this page.',
                'support-provisioning-portal'
            )
        );
    }

    private static function mayUse(): bool
    {
        return UserRights::has(get_current_user_id(), Right::PORTAL_ACCESS);
    }

    private static function box(string $html): string
    {
        return '<div class="spp-portal spp-portal--static">' . $html . '</div>';
    }

    /**
     * Where the login should return: the requested URL, as wp_login_form() does, since inside a
     * widget (or on an archive) the global post is not the page being shown.
     */
    private static function currentUrl(): string
    {
        $host = isset($_SERVER['HTTP_HOST']) ? sanitize_text_field(wp_unslash($_SERVER['HTTP_HOST'])) : '';
        $uri = isset($_SERVER['REQUEST_URI']) ? esc_url_raw(wp_unslash($_SERVER['REQUEST_URI'])) : '/';
        return $host === '' ? home_url('/') : (is_ssl() ? 'https://' : 'http://') . $host . $uri;
    }
}
