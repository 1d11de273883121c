<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Service\Members;

/** The site's users the test names: id, login, e-mail and display name. */
final class KnownMembers implements Members
{
    /** @var array<int, array{login: string, email: string, displayName: string}> */
    private array $users = [];

    public function add(int $id, string $login, string $displayName = ''): void
    {
        $this->users[$id] = ['login' => $login, 'email' => "{$login}@example.test", 'displayName' => $displayName ?: ucfirst($login)];
    }

    public function login(int $userId): ?string
    {
        return $this->users[$userId]['login'] ?? null;
    }

    public function displayName(int $userId): string
    {
        return $this->users[$userId]['displayName'] ?? '';
    }

    public function named(string $loginOrEmail): ?array
    {
        $needle = trim($loginOrEmail);
        foreach ($this->users as $id => $user) {
            if ($user['login'] === $needle || $user['email'] === $needle) {
                return ['id' => $id, 'login' => $user['login']];
            }
        }
        return null;
    }
}
