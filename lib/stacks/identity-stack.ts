// Cognito user pool, role groups and app clients, rendered from lib/platform/identity.ts.
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import {
  type AppClient,
  appClients,
  customAttributes,
  passwordPolicy,
  roleDescriptions,
  roles,
  tokenValidity,
} from '../platform/identity';
import { pascalCase } from './names';
import { IdentityTriggers } from '../constructs/identity-triggers';

export interface IdentityStackProps extends StackProps {
  readonly config: StageConfig;
}

export class IdentityStack extends Stack {
  public readonly userPool: UserPool;
  public readonly clients: Readonly<Record<AppClient, UserPoolClient>>;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `khidma-${config.stage}`,
      selfSignUpEnabled: true,
      // Usernames keep staff and seeded accounts stable; citizens sign in with their verified email or phone.
      signInAliases: { username: true, email: true, phone: true },
      signInCaseSensitive: false,
      autoVerify: { email: true, phone: true },
      keepOriginal: { email: true, phone: true },
      // Optional for everyone for now; enforcing MFA for staff groups is a later issue.
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: true, email: false },
      passwordPolicy: {
        minLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireDigits: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(passwordPolicy.tempPasswordValidityDays),
      },
      customAttributes: Object.fromEntries(
        Object.entries(customAttributes).map(([name, { maxLength }]) => [
          name,
          new StringAttribute({ maxLen: maxLength, mutable: true }),
        ]),
      ),
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.protectData,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional so citizens can sign up without a second device; TOTP and SMS are offered. Enforcing MFA for staff groups is a tracked follow-up',
    });
    Validations.of(this.userPool.node.findChild('smsRole')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Cognito SMS role: sns:Publish to phone numbers (verification and SMS MFA) has no resource ARN to scope to',
    });

    roles.forEach((role, precedence) => {
      new UserPoolGroup(this, `${pascalCase(role)}Group`, {
        userPool: this.userPool,
        groupName: role,
        description: roleDescriptions[role],
        precedence,
      });
    });

    // Sign-up is guarded by the pool: no account without a registry proof, no link without a confirmed code.
    new IdentityTriggers(this, 'Triggers', { config, userPool: this.userPool });

    this.clients = Object.fromEntries(
      appClients.map((client) => [client, this.addClient(client)]),
    ) as Record<AppClient, UserPoolClient>;
  }

  /**
   * Public clients (browser, phone, kiosk): no secret, SRP only so the password never leaves the device.
   * USER_PASSWORD_AUTH stays off; the local cloud's emulator is where password sign-in is convenient.
   */
  private addClient(client: AppClient): UserPoolClient {
    const validity = tokenValidity[client];
    const access = Duration.minutes(validity.accessMinutes);
    return this.userPool.addClient(`${pascalCase(client)}Client`, {
      userPoolClientName: client,
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: access,
      idTokenValidity: access,
      refreshTokenValidity: Duration.days(validity.refreshDays),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, phoneNumber: true, phoneNumberVerified: true, givenName: true, familyName: true, locale: true })
        .withCustomAttributes(...Object.keys(customAttributes)),
      // Custom attributes (agency, service centre, national number) are set by administrators only.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        phoneNumber: true,
        givenName: true,
        familyName: true,
        locale: true,
      }),
    });
  }
}
