// A valid newborn life-event submission, shared by the tests that submit one and the bench's cold-load tour.
export function newbornSubmission(dateOfBirth: string) {
  return {
    lifeEventId: 'newborn',
    channel: 'portal',
    answers: {
      childFirstName: 'Yousef',
      childFullName: 'Yousef Omar Khaled Haddad',
      childSex: 'male',
      dateOfBirth,
      placeOfBirth: 'Al-Bashir Hospital, Amman',
      birthNotificationNumber: 'MOH-BN-558812',
      familyBookDelivery: 'post',
    },
  };
}
