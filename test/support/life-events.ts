// A valid newborn life-event submission (the child born five days ago), shared by the tests that submit one.
export const NEWBORN = {
  lifeEventId: 'newborn',
  channel: 'portal',
  answers: {
    childFirstName: 'Yousef',
    childFullName: 'Yousef Omar Khaled Haddad',
    childSex: 'male',
    dateOfBirth: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
    placeOfBirth: 'Al-Bashir Hospital, Amman',
    birthNotificationNumber: 'MOH-BN-558812',
    familyBookDelivery: 'post',
  },
};
