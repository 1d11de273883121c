<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The users of this site as the services name them: a deployment's default name carries its
 * owner's login, a share names its target by login or e-mail. SiteMembers in the plugin
 * (WordPress's users, on multisite the site's members); the fast tests know a few users.
 */
interface Members
{
    /** The login of user $userId, null when there is no such user. */
    public function login(int $userId): ?string;

    /** @return array{id: int, login: string}|null the member named by login or e-mail */
    public function named(string $loginOrEmail): ?array;
}
